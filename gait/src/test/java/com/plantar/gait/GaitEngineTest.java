package com.plantar.gait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine on synthetic walks with known truth (see {@link SyntheticGait}). */
class GaitEngineTest {

  private final Recorder recorder = new Recorder();

  private GaitEngine engine(GaitConfig config) {
    return new GaitEngine(config, SyntheticGait.layout(), SyntheticGait.layout(), recorder);
  }

  /** Feeds both feet from {@code from} to {@code to}, skipping samples in [skipFrom, skipTo). */
  private static void walk(GaitEngine engine, SyntheticGait gait, long from, long to,
      long skipFrom, long skipTo) {
    for (long t = from; t < to; t += gait.sampleMicros) {
      if (t >= skipFrom && t < skipTo) {
        continue;
      }
      for (FootSide foot : FootSide.values()) {
        engine.acceptCells(foot, t, gait.cellsAt(foot, t), false);
      }
    }
  }

  @Test
  void findsEveryStrideOfACleanWalkWithinASample() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 30_000_000, 0, 0);
    engine.finish();

    // Every stride, the first included: the walk starts in swing, so its first contact is timed
    // too (left contacts at 0.2 s + k × 1.1 s up to 29.9 s make 27 strides).
    assertThat(recorder.strides(FootSide.LEFT)).hasSize(27);
    for (Stride s : recorder.strides) {
      assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011));
      assertThat(s.timing().stanceS()).isCloseTo(0.66, within(0.04));
      assertThat(s.timing().swingS() + s.timing().stanceS())
          .isCloseTo(s.timing().strideS(), within(1e-9));
      if (s.initialContactMicros() > 2_500_000) { // the other foot is tracked for a stride by then
        assertThat(s.timing().doubleSupportS()).isCloseTo(2 * (0.66 - 0.55), within(0.06));
        assertThat(s.timing().stepTimeS()).isCloseTo(0.55, within(0.011));
      }
      assertThat(s.pressure().endYMm()).isGreaterThan(s.pressure().startYMm() + 100);
      assertThat(s.turnSuspected()).isFalse();
      assertThat(s.force().firstPeakPctStance()).isLessThan(50);
      assertThat(s.force().secondPeakPctStance()).isGreaterThan(50);
      assertThat(s.force().valley()).isLessThan(s.force().firstPeak());
      assertThat(s.force().loadingRatePerS()).isPositive();
      assertThat(s.force().loadingRatePerSPerKg()).isNaN();
    }
    assertThat(recorder.bouts).hasSize(1);
    GaitSummary bout = recorder.bouts.get(0);
    assertThat(bout.cadenceStepsPerMin()).isCloseTo(120 / 1.1, within(0.5));
    assertThat(bout.leftLoadSharePct()).isCloseTo(50, within(1.0));
    assertThat(bout.variability().cvPct()).isLessThan(1);
    assertThat(recorder.windows).hasSizeGreaterThanOrEqualTo(2);
    assertThat(recorder.alerts).isEmpty();
    assertThat(engine.counters().rejectedSamples()).isZero();
  }

  @Test
  void lightAndHeavyWearersGetTheSameTiming() {
    for (double bodyForce : new double[] {250, 1500}) {
      Recorder r = new Recorder();
      SyntheticGait gait = new SyntheticGait();
      gait.leftBodyForceN = bodyForce;
      gait.rightBodyForceN = bodyForce;
      GaitEngine engine = new GaitEngine(GaitConfig.defaults(), SyntheticGait.layout(),
          SyntheticGait.layout(), r);
      walk(engine, gait, 0, 20_000_000, 0, 0);
      engine.finish();
      assertThat(r.strides).as("body force %s N", bodyForce).hasSizeGreaterThanOrEqualTo(32);
      assertThat(r.strides).allSatisfy(s ->
          assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011)));
    }
  }

  @Test
  void aGapResetsTheFootAndNeverMakesAStride() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 20_000_000, 8_300_000, 9_900_000);
    engine.finish();

    assertThat(engine.counters().gaps()).isEqualTo(2);
    assertThat(recorder.strides).isNotEmpty().allSatisfy(s -> {
      boolean spansGap = s.initialContactMicros() < 9_900_000
          && s.nextInitialContactMicros() > 8_300_000;
      assertThat(spansGap).as("stride %s spans the gap", s).isFalse();
      assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011));
    });
  }

  /** Dropped: the first sample after the lost ones arrives broken; it is dropped, the gap is not. */
  @ParameterizedTest(name = "its sample dropped: {0}")
  @ValueSource(booleans = {false, true})
  void aFlaggedGapResetsEvenWithoutATimeJump(boolean dropped) {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults());
    long flagged = 10_000_000;
    for (long t = 0; t < 20_000_000; t += gait.sampleMicros) {
      for (FootSide foot : FootSide.values()) {
        boolean gap = t == flagged && foot == FootSide.LEFT;
        float[] row = gap && dropped ? new float[3] : gait.cellsAt(foot, t);
        engine.acceptCells(foot, t, row, gap);
      }
    }
    engine.finish();
    assertThat(engine.counters().rejectedSamples()).isEqualTo(dropped ? 1 : 0);
    assertThat(engine.counters().gaps()).isEqualTo(1);
    assertThat(recorder.strides(FootSide.LEFT)).noneMatch(s ->
        s.initialContactMicros() < flagged && s.nextInitialContactMicros() > flagged);
  }

  @Test
  void aDeadCellStillGivesEveryStrideAndAForwardRoll() {
    SyntheticGait gait = new SyntheticGait();
    gait.deadCell = 0;
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 20_000_000, 0, 0);
    engine.finish();
    assertThat(recorder.strides).hasSizeGreaterThanOrEqualTo(32).allSatisfy(s -> {
      assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011));
      assertThat(s.pressure().endYMm()).isGreaterThan(s.pressure().startYMm() + 100);
    });
  }

  @Test
  void clippedCellsStillGiveEveryStride() {
    SyntheticGait gait = new SyntheticGait();
    gait.clipKpa = 150;
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 20_000_000, 0, 0);
    engine.finish();
    assertThat(recorder.strides).hasSizeGreaterThanOrEqualTo(32).allSatisfy(s ->
        assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011)));
  }

  @Test
  void shufflingWithTheFootNeverFullyUnloadedStillGivesEveryStride() {
    SyntheticGait gait = new SyntheticGait();
    gait.swingLoadFraction = 0.2;
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 20_000_000, 0, 0);
    engine.finish();
    // The first 3 s (one maximum stance) go to learning that the floor is not zero.
    assertThat(recorder.strides).hasSizeGreaterThanOrEqualTo(26).allSatisfy(s ->
        assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011)));
    assertThat(recorder.strides.get(0).initialContactMicros()).isLessThan(4_500_000);
  }

  @Test
  void turnsAreFlaggedAndLeftOutOfStrideVariability() {
    SyntheticGait gait = new SyntheticGait();
    gait.leftPivotEvery = 5;
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 30_000_000, 0, 0);
    engine.finish();
    List<Stride> left = recorder.strides(FootSide.LEFT);
    List<Stride> turns = left.stream().filter(Stride::turnSuspected).toList();
    assertThat(turns).hasSizeBetween(left.size() / 5 - 1, left.size() / 5 + 1);
    assertThat(turns).allSatisfy(s -> assertThat(Math.round(
        (s.initialContactMicros() - gait.contactMicros(FootSide.LEFT, 0))
            / (double) gait.strideMicros) % 5).isEqualTo(4));
    assertThat(recorder.strides(FootSide.RIGHT)).noneMatch(Stride::turnSuspected);
    assertThat(recorder.bouts.get(0).variability().excluded()).isGreaterThanOrEqualTo(turns.size());
  }

  @Test
  void standingStillMakesNoStepsAndReportsBalance() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, gait, 0, 10_000_000, 0, 0);
    long lastStride = recorder.strides.size();
    // Then stand for 8 s, 60 % of the weight on the left, swaying gently.
    for (long t = 10_000_000; t < 18_000_000; t += gait.sampleMicros) {
      double sway = Math.sin(t / 1e6 * 2 * Math.PI * 0.3);
      engine.acceptCells(FootSide.LEFT, t, gait.cells(420 + 10 * sway, 0.4 + 0.02 * sway), false);
      engine.acceptCells(FootSide.RIGHT, t, gait.cells(280 - 10 * sway, 0.4 - 0.02 * sway), false);
    }
    engine.finish();
    assertThat(recorder.events.stream().filter(e -> e.micros() > 11_000_000)).isEmpty();
    assertThat(recorder.strides.size()).isLessThanOrEqualTo((int) lastStride + 2);
    assertThat(recorder.standing).hasSize(1);
    StandingBalance b = recorder.standing.get(0);
    assertThat(b.endMicros() - b.startMicros()).isGreaterThan(7_000_000);
    assertThat(b.leftWeightSharePct()).isCloseTo(60, within(1.5));
    assertThat(b.leftSway().pathLengthMm()).isPositive();
    assertThat(b.leftSway().ellipseArea95Mm2()).isPositive();
  }

  @Test
  void asymmetricLoadIsMeasuredAndRaisesASustainedAsymmetryAlert() {
    SyntheticGait gait = new SyntheticGait();
    gait.rightBodyForceN = 400;
    GaitEngine engine = engine(GaitConfig.defaults().withAsymmetryAlert(20, 3));
    walk(engine, gait, 0, 45_000_000, 0, 0);
    engine.finish();
    GaitSummary bout = recorder.bouts.get(0);
    assertThat(bout.leftLoadSharePct()).isCloseTo(700.0 / 1100 * 100, within(1.5));
    assertThat(bout.symmetry().loadPct()).isCloseTo(54.5, within(3.0));
    assertThat(bout.symmetry().stancePct()).isLessThan(5);
    assertThat(recorder.alerts).filteredOn(a -> a.kind() == Alert.Kind.ASYMMETRY).hasSize(1);
  }

  @Test
  void aSymmetricWalkRaisesNoAsymmetryAlert() {
    GaitEngine engine = engine(GaitConfig.defaults());
    walk(engine, new SyntheticGait(), 0, 45_000_000, 0, 0);
    engine.finish();
    assertThat(recorder.alerts).isEmpty();
  }

  @Test
  void aHotSpotAlertsAfterItsCumulativeDwell() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults().withHotSpot(300, 5_000_000));
    walk(engine, gait, 0, 30_000_000, 0, 0);
    engine.finish();
    assertThat(recorder.alerts).filteredOn(a -> a.kind() == Alert.Kind.HOT_SPOT).isNotEmpty()
        .allSatisfy(a -> {
          assertThat(a.cell()).isBetween(0, 7);
          assertThat(a.value()).isGreaterThanOrEqualTo(5);
          assertThat(a.atMicros()).isGreaterThan(5_000_000);
        });
  }

  @Test
  void aMissingFootLeavesTheTwoFootValuesUnknown() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = engine(GaitConfig.defaults());
    for (long t = 0; t < 15_000_000; t += gait.sampleMicros) {
      engine.acceptCells(FootSide.LEFT, t, gait.cellsAt(FootSide.LEFT, t), false);
    }
    engine.finish();
    assertThat(recorder.strides).isNotEmpty().allSatisfy(s -> {
      assertThat(s.foot()).isEqualTo(FootSide.LEFT);
      assertThat(s.timing().doubleSupportS()).isNaN();
      assertThat(s.timing().stepTimeS()).isNaN();
      assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.011));
    });
  }

  @Test
  void badSamplesAreCountedAndDroppedNotThrown() {
    GaitEngine engine = engine(GaitConfig.defaults());
    engine.acceptCells(FootSide.LEFT, 0, new float[3], false);
    engine.acceptCells(FootSide.LEFT, 10_000, null, false);
    float[] nan = new float[8];
    nan[2] = Float.NaN;
    engine.acceptCells(FootSide.LEFT, 20_000, nan, false);
    engine.acceptCells(FootSide.LEFT, 30_000, new float[8], false);
    engine.acceptCells(FootSide.LEFT, 30_000, new float[8], false);
    engine.acceptForce(FootSide.RIGHT, 40_000, Float.POSITIVE_INFINITY, false);
    engine.acceptForce(FootSide.RIGHT, 50_000, 10f, false); // the right foot has cells
    EngineCounters c = engine.counters();
    assertThat(c.rejectedSamples()).isEqualTo(5);
    assertThat(c.outOfOrderSamples()).isEqualTo(1);
    assertThat(c.acceptedSamples()).isEqualTo(1);
  }

  @Test
  void aSingleForceChannelFollowsSlowBaselineDrift() {
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), null, null, recorder);
    for (long t = 0; t < 60_000_000; t += 3_333) {
      double drift = -1900 + 1000 * t / 60e6; // the unloaded reading creeps up by half the range
      for (FootSide foot : FootSide.values()) {
        engine.acceptForce(foot, t, (float) (drift + 3 * gait.force(foot, t)), false);
      }
    }
    engine.finish();
    assertThat(recorder.strides(FootSide.LEFT)).hasSizeGreaterThanOrEqualTo(52);
    assertThat(recorder.strides).allSatisfy(s ->
        assertThat(s.timing().strideS()).isCloseTo(1.1, within(0.005)));
  }

  @Test
  void aSingleChannelToeOffIsTheEndOfTheUnloadingNotTheSensorsRelaxation() {
    // A force-sensitive resistor that lets go slowly: it reads a fifth of the range more while
    // loaded, and when the load is gone it holds that for 20 ms, then creeps down (150 ms time
    // constant). Stance ends when the load does (0.66 s), not at the end of the creep.
    SyntheticGait gait = new SyntheticGait();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), null, null, recorder);
    double range = 3 * 1.15 * gait.leftBodyForceN;
    for (long t = 0; t < 30_000_000; t += 3_333) {
      for (FootSide foot : FootSide.values()) {
        double load = gait.force(foot, t);
        double sinceLoad = Double.isNaN(gait.stancePhase(foot, t))
            ? secondsSinceStanceEnd(gait, foot, t) : 0;
        double relaxation = sinceLoad < 0.02 ? 1 : Math.exp(-(sinceLoad - 0.02) / 0.15);
        engine.acceptForce(foot, t, (float) (-1900 + 3 * load + 0.2 * range * relaxation), false);
      }
    }
    engine.finish();
    assertThat(recorder.strides(FootSide.LEFT)).hasSizeGreaterThanOrEqualTo(24);
    assertThat(recorder.strides).allSatisfy(s ->
        assertThat(s.timing().stanceS()).isCloseTo(0.66, within(0.010)));
  }

  private static double secondsSinceStanceEnd(SyntheticGait gait, FootSide foot, long micros) {
    long first = gait.contactMicros(foot, 0);
    if (micros < first) {
      return 10; // before the first step: long unloaded
    }
    long into = (micros - first) % gait.strideMicros;
    return (into - gait.stanceMicros) / 1e6;
  }
}
