package com.plantar.gait;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A foot whose layout arrives after the other foot started streaming (its HELLO was processed
 * late) joins the running engine as if the engine had been built with it; a foot that has streamed
 * keeps its layout.
 */
class AttachFootTest {
  private static final long RIGHT_JOINS_MICROS = 3_000_000;
  private static final long END_MICROS = 30_000_000;

  /** Feeds the left foot from 0 and the right from {@link #RIGHT_JOINS_MICROS}, running {@code beforeRight} first. */
  private static void walk(GaitEngine engine, SyntheticGait gait, Runnable beforeRight) {
    for (long t = 0; t < END_MICROS; t += gait.sampleMicros) {
      engine.acceptCells(FootSide.LEFT, t, gait.cellsAt(FootSide.LEFT, t), false);
      if (t == RIGHT_JOINS_MICROS) {
        beforeRight.run();
      }
      if (t >= RIGHT_JOINS_MICROS) {
        engine.acceptCells(FootSide.RIGHT, t, gait.cellsAt(FootSide.RIGHT, t), false);
      }
    }
    engine.finish();
  }

  @Test
  void aFootAttachedBeforeItsFirstSampleGivesWhatAnEngineBuiltWithItGives() {
    SyntheticGait gait = new SyntheticGait();
    Recorder built = new Recorder();
    GaitEngine withBoth = new GaitEngine(GaitConfig.defaults(), SyntheticGait.layout(), SyntheticGait.layout(), built);
    walk(withBoth, gait, () -> { });

    Recorder attached = new Recorder();
    GaitEngine leftFirst = new GaitEngine(GaitConfig.defaults(), SyntheticGait.layout(), null, attached);
    walk(leftFirst, gait, () -> assertThat(leftFirst.attachFoot(FootSide.RIGHT, SyntheticGait.layout())).isTrue());

    // The left stride in progress when the right foot joins (contact at 2.4 s) is there, and every
    // value that needs both feet (double support, step time, symmetry) is as with both from the start.
    assertThat(built.strides).hasSizeGreaterThan(40)
        .anyMatch(s -> s.foot() == FootSide.LEFT && s.initialContactMicros() < RIGHT_JOINS_MICROS
            && s.nextInitialContactMicros() > RIGHT_JOINS_MICROS)
        .anyMatch(s -> s.foot() == FootSide.RIGHT && Double.isFinite(s.timing().doubleSupportS()));
    assertSameResults(attached, built);
    assertThat(leftFirst.counters()).isEqualTo(withBoth.counters());
  }

  @Test
  void aFootThatHasStreamedKeepsItsLayout() {
    SyntheticGait gait = new SyntheticGait();
    Recorder untouched = new Recorder();
    walk(new GaitEngine(GaitConfig.defaults(), SyntheticGait.layout(), SyntheticGait.layout(), untouched), gait,
        () -> { });

    // Four cells instead of eight: had it been taken, the right foot's rows would all be rejected.
    FootLayout other = new FootLayout(SyntheticGait.layout().cells().subList(0, 4), CellUnit.KILOPASCAL);
    Recorder refused = new Recorder();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), SyntheticGait.layout(), SyntheticGait.layout(), refused);
    walk(engine, gait, () -> assertThat(engine.attachFoot(FootSide.LEFT, other)).isFalse());

    assertThat(engine.counters().rejectedSamples()).isZero();
    assertSameResults(refused, untouched);
  }

  private static void assertSameResults(Recorder actual, Recorder expected) {
    assertSame(actual.strides, expected.strides);
    assertSame(actual.events, expected.events);
    assertSame(actual.windows, expected.windows);
    assertSame(actual.bouts, expected.bouts);
    assertSame(actual.standing, expected.standing);
    assertSame(actual.alerts, expected.alerts);
  }

  /** Element for element, exactly (all results are records of numbers: NaN equals NaN, nothing is rounded). */
  private static <T> void assertSame(List<T> actual, List<T> expected) {
    assertThat(actual).containsExactlyElementsOf(expected);
  }
}
