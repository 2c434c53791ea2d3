package com.plantar.gait.internal;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.Stride;
import com.plantar.gait.StrideVariability;
import com.plantar.gait.SymmetryIndices;
import java.util.Arrays;
import java.util.List;

/** Computes a {@link GaitSummary} from the strides of a span. Stateless; public only for {@link GaitSummary#of}. */
public final class SummaryCalculator {

  /** Strides further than this many scaled MADs from the median stride time are outliers. */
  private static final double OUTLIER_MADS = 3;
  /** Scales a median absolute deviation to a standard deviation for normal data. */
  private static final double MAD_TO_SD = 1.4826;

  private SummaryCalculator() {}

  public static GaitSummary summarize(long start, long end, int steps, List<Stride> strides) {
    return summarizeFacts(start, end, steps, strides.stream().map(StrideFacts::of).toList());
  }

  static GaitSummary summarizeFacts(long start, long end, int steps, List<StrideFacts> strides) {
    Means left = new Means();
    Means right = new Means();
    double[] times = new double[strides.size()];
    int n = 0;
    int turns = 0;
    for (StrideFacts s : strides) {
      (s.foot() == FootSide.LEFT ? left : right).add(s);
      if (s.turnSuspected()) {
        turns++;
      } else {
        times[n++] = s.strideS();
      }
    }
    StrideVariability straight = variability(Arrays.copyOf(times, n));
    StrideVariability variability = new StrideVariability(straight.strides(),
        straight.excluded() + turns, straight.meanS(), straight.sdS(), straight.cvPct());
    double cadence = variability.meanS() > 0 ? 120 / variability.meanS() : Double.NaN;
    double leftLoad = left.impulse.mean();
    double rightLoad = right.impulse.mean();
    double loadShare = leftLoad + rightLoad > 0 ? leftLoad / (leftLoad + rightLoad) * 100 : Double.NaN;
    SymmetryIndices symmetry = new SymmetryIndices(
        SymmetryIndices.of(left.stance.mean(), right.stance.mean()),
        SymmetryIndices.of(left.swing.mean(), right.swing.mean()),
        SymmetryIndices.of(left.step.mean(), right.step.mean()),
        SymmetryIndices.of(leftLoad, rightLoad),
        SymmetryIndices.of(left.peak.mean(), right.peak.mean()));
    return new GaitSummary(start, end, steps, left.count, right.count, cadence, loadShare,
        symmetry, variability);
  }

  static StrideVariability variability(double[] strideTimes) {
    int n = strideTimes.length;
    if (n == 0) {
      return new StrideVariability(0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    double median = median(strideTimes.clone());
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(strideTimes[i] - median);
    }
    double limit = OUTLIER_MADS * MAD_TO_SD * median(deviations);
    double sum = 0;
    double sumSq = 0;
    int used = 0;
    for (double t : strideTimes) {
      if (Math.abs(t - median) <= limit) {
        sum += t;
        sumSq += t * t;
        used++;
      }
    }
    double mean = sum / used;
    double sd = used > 1 ? Math.sqrt(Math.max(sumSq - used * mean * mean, 0) / (used - 1)) : Double.NaN;
    return new StrideVariability(used, n - used, mean, sd, sd / mean * 100);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** Per-foot means over strides, ignoring NaN. */
  private static final class Means {
    int count;
    final Mean stance = new Mean();
    final Mean swing = new Mean();
    final Mean step = new Mean();
    final Mean impulse = new Mean();
    final Mean peak = new Mean();

    void add(StrideFacts s) {
      count++;
      stance.add(s.stanceS());
      swing.add(s.swingS());
      step.add(s.stepTimeS());
      impulse.add(s.impulse());
      peak.add(s.maxForce());
    }
  }

  private static final class Mean {
    double sum;
    int n;

    void add(double v) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }

    double mean() {
      return n == 0 ? Double.NaN : sum / n;
    }
  }
}
