package com.plantar.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Checks the simulator's own output with a plain threshold on total force (not the gait engine). */
class WearerGaitTest {
  private static final int RATE_HZ = 100;

  /** Total force per foot at 100 Hz for {@code seconds}. */
  private static double[][] totals(WearerGait gait, int seconds) {
    int n = seconds * RATE_HZ;
    double[][] totals = new double[2][n];
    double[] cells = new double[gait.layout().cellCount()];
    for (int i = 0; i < n; i++) {
      long t = i * 1_000_000L / RATE_HZ;
      for (Side side : Side.values()) {
        gait.forces(side, t, cells);
        double sum = 0;
        for (double v : cells) {
          sum += v;
        }
        totals[side.ordinal()][i] = sum;
      }
    }
    return totals;
  }

  /** Indices where the force rises through the threshold (contacts) and falls through it (lifts). */
  private static List<int[]> stances(double[] force, double threshold) {
    List<int[]> stances = new ArrayList<>();
    int start = -1;
    for (int i = 1; i < force.length; i++) {
      if (force[i - 1] <= threshold && force[i] > threshold) {
        start = i;
      } else if (start >= 0 && force[i - 1] > threshold && force[i] <= threshold) {
        stances.add(new int[] {start, i});
        start = -1;
      }
    }
    return stances;
  }

  @ParameterizedTest
  @CsvSource({"110, 0.62, 0.50, moticon16", "90, 0.68, 0.56, moticon16", "130, 0.58, 0.45, gaitpdb8"})
  void configuredCadenceStanceAndLoadShareShowUpInTotalForce(double cadence, double stance,
      double leftShare, String layout) {
    GaitParameters params = GaitParameters.typical().withCadence(cadence).withStanceFraction(stance)
        .withLeftLoadShare(leftShare).withStrideVariability(0.02);
    WearerGait gait = new WearerGait(params, StanceProfiles.load(layout), 42);
    double[][] totals = totals(gait, 120);
    double threshold = 0.03 * params.bodyWeightNewtons();

    double stepsPerMinute = 0;
    double stanceSum = 0;
    double strideSum = 0;
    int strideCount = 0;
    for (Side side : Side.values()) {
      List<int[]> runs = stances(totals[side.ordinal()], threshold);
      int first = runs.get(0)[0];
      int last = runs.get(runs.size() - 1)[0];
      stepsPerMinute += (runs.size() - 1) * 60.0 * RATE_HZ / (last - first);
      for (int k = 0; k + 1 < runs.size(); k++) {
        stanceSum += runs.get(k)[1] - runs.get(k)[0];
        strideSum += runs.get(k + 1)[0] - runs.get(k)[0];
        strideCount++;
      }
    }
    double impulseLeft = 0;
    double impulseRight = 0;
    for (int i = 0; i < totals[0].length; i++) {
      impulseLeft += totals[0][i];
      impulseRight += totals[1][i];
    }
    assertThat(stepsPerMinute).as("cadence").isCloseTo(cadence, within(cadence * 0.02));
    assertThat(stanceSum / strideSum).as("stance fraction").isCloseTo(stance, within(0.02));
    assertThat(impulseLeft / (impulseLeft + impulseRight)).as("left load share")
        .isCloseTo(leftShare, within(0.01));
    double meanBoth = (impulseLeft + impulseRight) / totals[0].length;
    assertThat(meanBoth).as("L+R averages to body weight")
        .isCloseTo(params.bodyWeightNewtons(), within(0.03 * params.bodyWeightNewtons()));
    assertThat(strideCount).isGreaterThan(100);
  }

  @Test
  void sameSeedGivesTheSameForcesAndAnotherSeedDoesNot() {
    GaitParameters params = GaitParameters.typical().withStrideVariability(0.05);
    double[][] a = totals(new WearerGait(params, StanceProfiles.moticon16(), 1), 10);
    double[][] b = totals(new WearerGait(params, StanceProfiles.moticon16(), 1), 10);
    double[][] c = totals(new WearerGait(params, StanceProfiles.moticon16(), 2), 10);
    assertThat(a[0]).containsExactly(b[0]);
    assertThat(a[0]).isNotEqualTo(c[0]);
  }

  private static double meanCop(GaitParameters params, boolean alongX, double fromPhase, double toPhase) {
    WearerGait gait = new WearerGait(params.withStrideVariability(0), StanceProfiles.moticon16(), 3);
    SensorLayout layout = gait.layout();
    double[] cells = new double[layout.cellCount()];
    double moment = 0;
    double total = 0;
    long strideUs = Math.round(params.strideSeconds() * 1e6);
    long stanceUs = Math.round(params.stanceFraction() * strideUs);
    for (int stride = 2; stride < 12; stride++) {
      for (double phase = fromPhase; phase < toPhase; phase += 0.02) {
        gait.forces(Side.LEFT, stride * strideUs + Math.round(phase * stanceUs), cells);
        for (int c = 0; c < cells.length; c++) {
          moment += cells[c] * (alongX ? layout.cell(c).x() : layout.cell(c).y());
          total += cells[c];
        }
      }
    }
    return moment / total;
  }

  @Test
  void pronationShiftsLoadMediallyAndSupinationLaterally() {
    GaitParameters typical = GaitParameters.typical();
    double neutral = meanCop(typical, true, 0.05, 0.95);
    assertThat(meanCop(typical.withPronation(0.7), true, 0.05, 0.95)).isLessThan(neutral - 0.02);
    assertThat(meanCop(typical.withPronation(-0.6), true, 0.05, 0.95)).isGreaterThan(neutral + 0.02);
  }

  @Test
  void forefootStrikeLandsFurtherForwardThanHeelStrike() {
    GaitParameters typical = GaitParameters.typical();
    double heel = meanCop(typical, false, 0.0, 0.1);
    double forefoot = meanCop(typical.withStrike(FootStrike.FOREFOOT), false, 0.0, 0.1);
    assertThat(forefoot).isGreaterThan(heel + 0.15);
  }

  @Test
  void flatArchLoadsTheMidfootMoreThanAHighArch() {
    GaitParameters typical = GaitParameters.typical();
    assertThat(midfootShare(typical.withArch(ArchType.FLAT)))
        .isGreaterThan(midfootShare(typical) * 1.5)
        .isGreaterThan(midfootShare(typical.withArch(ArchType.HIGH)) * 3);
  }

  private static double midfootShare(GaitParameters params) {
    WearerGait gait = new WearerGait(params.withStrideVariability(0), StanceProfiles.moticon16(), 3);
    double[] cells = new double[16];
    double mid = 0;
    double total = 0;
    for (long t = 2_000_000; t < 10_000_000; t += 10_000) {
      gait.forces(Side.LEFT, t, cells);
      for (int c = 0; c < 16; c++) {
        double y = gait.layout().cell(c).y();
        if (y >= 0.3 && y < 0.62) {
          mid += cells[c];
        }
        total += cells[c];
      }
    }
    return mid / total;
  }

  @Test
  void standingLoadsBothFeetWithBodyWeightAndSittingAlmostUnloadsThem() {
    GaitParameters standing = GaitParameters.typical()
        .withPlan(List.of(new ActivityPeriod(Activity.STANDING, 20), new ActivityPeriod(Activity.SITTING, 20)));
    WearerGait gait = new WearerGait(standing, StanceProfiles.moticon16(), 5);
    double[][] totals = totals(gait, 40);
    double bw = standing.bodyWeightNewtons();
    for (int i = 0; i < 2000; i++) {
      assertThat(totals[0][i] + totals[1][i]).isCloseTo(bw, within(0.01 * bw));
    }
    for (int i = 2000; i < 4000; i++) {
      assertThat(totals[0][i] + totals[1][i]).isCloseTo(0.16 * bw, within(0.01 * bw));
    }
    assertThat(gait.activityAt(25_000_000)).isEqualTo(Activity.SITTING);
  }

  @Test
  void shufflingNeverFullyUnloadsAFoot() {
    GaitParameters shuffle = GaitPresets.byName("shuffle");
    double[][] totals = totals(new WearerGait(shuffle, StanceProfiles.moticon16(), 9), 20);
    for (double f : totals[0]) {
      assertThat(f).isGreaterThan(0.03 * shuffle.bodyWeightNewtons());
    }
  }
}
