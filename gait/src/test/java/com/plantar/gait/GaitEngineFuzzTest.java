package com.plantar.gait;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, drawn from fixed seeds so that a failure reproduces: walking interleaved with
 * values that are not finite, absurdly large, negative or noise; rows of the wrong length; times
 * that repeat, go back or leap; flagged gaps. The engine must never throw, must count every sample
 * exactly once, and may only report strides that obey its own rules (contact before toe-off before
 * the next contact, stance and stride within their limits, no stride across a gap).
 */
class GaitEngineFuzzTest {

  private static final int STREAMS = 40;
  private static final int SAMPLES = 6_000;
  private static final GaitConfig CONFIG = GaitConfig.defaults();

  @Test
  void aSingleForceChannelSurvivesHostileInput() {
    for (long seed = 1; seed <= STREAMS; seed++) {
      fuzz(seed, false);
    }
  }

  @Test
  void cellRowsSurviveHostileInput() {
    for (long seed = 1; seed <= STREAMS; seed++) {
      fuzz(seed, true);
    }
  }

  private static void fuzz(long seed, boolean cells) {
    Random random = new Random(seed);
    SyntheticGait gait = new SyntheticGait();
    FootLayout layout = cells ? SyntheticGait.layout() : null;
    Recorder recorder = new Recorder();
    GaitEngine engine = new GaitEngine(CONFIG, layout, layout, recorder);
    long[] time = {0, 0};
    long[] latest = {Long.MIN_VALUE, Long.MIN_VALUE};
    List<long[]> gapsAt = new ArrayList<>(); // per foot: times before which a gap was flagged
    long calls = 0;
    for (int i = 0; i < SAMPLES; i++) {
      FootSide foot = random.nextInt(10) == 0 ? FootSide.LEFT : FootSide.values()[i % 2];
      int f = foot.ordinal();
      time[f] += nextStep(random);
      long t = time[f];
      boolean gap = random.nextInt(500) == 0;
      if (gap && t > latest[f]) { // a flag on a sample whose time went back has no place in time
        gapsAt.add(new long[] {f, t});
      }
      latest[f] = Math.max(latest[f], t);
      double force = gait.force(foot, Math.max(t, 0)) * (random.nextInt(50) == 0 ? 0.2 : 1);
      if (cells) {
        engine.acceptCells(foot, t, hostileRow(random, gait, foot, t, force), gap);
      } else {
        engine.acceptForce(foot, t, hostileValue(random, (float) force), gap);
      }
      calls++;
    }
    engine.finish();

    EngineCounters counters = engine.counters();
    assertThat(counters.acceptedSamples() + counters.rejectedSamples()
        + counters.outOfOrderSamples()).as("seed %d: every sample counted once", seed)
        .isEqualTo(calls);
    for (Stride s : recorder.strides) {
      assertThat(s.initialContactMicros()).as("seed %d: %s", seed, s)
          .isLessThan(s.toeOffMicros());
      assertThat(s.toeOffMicros()).as("seed %d: %s", seed, s)
          .isLessThan(s.nextInitialContactMicros());
      assertThat(s.toeOffMicros() - s.initialContactMicros()).as("seed %d: stance", seed)
          .isBetween(CONFIG.minStanceMicros(), CONFIG.maxStanceMicros());
      assertThat(s.nextInitialContactMicros() - s.initialContactMicros()).as("seed %d", seed)
          .isLessThanOrEqualTo(CONFIG.maxStrideMicros());
      assertThat(s.timing().strideS()).isFinite();
      assertThat(s.timing().stanceS()).isFinite();
      for (long[] g : gapsAt) {
        boolean spans = g[0] == s.foot().ordinal() && s.initialContactMicros() < g[1]
            && g[1] <= s.nextInitialContactMicros();
        assertThat(spans).as("seed %d: gap flagged at %d inside %d..%d", seed, g[1], s.initialContactMicros(), s.nextInitialContactMicros()).isFalse();
      }
    }
  }

  /** Mostly 10 ms; sometimes none, backwards, a leap of a minute, or near the end of time. */
  private static long nextStep(Random random) {
    return switch (random.nextInt(400)) {
      case 0 -> 0;
      case 1 -> -random.nextInt(2_000_000);
      case 2 -> 60_000_000;
      case 3 -> random.nextInt(4) == 0 ? Long.MAX_VALUE / 4 : 1;
      default -> 10_000;
    };
  }

  private static float hostileValue(Random random, float value) {
    return switch (random.nextInt(60)) {
      case 0 -> Float.NaN;
      case 1 -> Float.POSITIVE_INFINITY;
      case 2 -> Float.NEGATIVE_INFINITY;
      case 3 -> Float.MAX_VALUE;
      case 4 -> -Float.MAX_VALUE;
      case 5 -> -value;
      case 6 -> (float) (random.nextGaussian() * 1e6);
      case 7 -> Float.MIN_VALUE;
      default -> value;
    };
  }

  private static float[] hostileRow(
      Random random, SyntheticGait gait, FootSide foot, long t, double force) {
    float[] row = gait.cells(force, gait.stancePhase(foot, Math.max(t, 0)));
    switch (random.nextInt(80)) {
      case 0 -> {
        return null;
      }
      case 1 -> {
        return new float[0];
      }
      case 2 -> {
        return new float[row.length + 1];
      }
      default -> {
        for (int c = 0; c < row.length; c++) {
          if (random.nextInt(40) == 0) {
            row[c] = hostileValue(random, row[c]);
          }
        }
        return row;
      }
    }
  }
}
