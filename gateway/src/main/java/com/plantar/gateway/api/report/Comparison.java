package com.plantar.gateway.api.report;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * One metric of one foot before and after an intervention: mean, sample SD and count of each period,
 * the difference of means (after − before), Hedges' g (Cohen's d with the pooled SD, times the
 * small-sample correction 1 − 3/(4(n₁+n₂) − 9)), and the two-sided p-value of Welch's t-test
 * (unequal variances: commons-math3 {@link TTest#tTest(double[], double[])}). Strides within a
 * period are not independent (same person, same days), so the p-value overstates certainty; the
 * report says so. NaN where a value needs more strides than there are (n < 2 in a period, or no
 * variance at all).
 */
public record Comparison(Summary before, Summary after, double difference, double hedgesG, double cohensD,
    double welchP) {

  public record Summary(double mean, double sd, long n) {
    static Summary of(double[] values) {
      SummaryStatistics stats = new SummaryStatistics();
      for (double v : values) {
        stats.addValue(v);
      }
      return new Summary(values.length == 0 ? Double.NaN : stats.getMean(),
          values.length < 2 ? Double.NaN : stats.getStandardDeviation(), values.length);
    }
  }

  public static Comparison of(double[] before, double[] after) {
    Summary b = Summary.of(before);
    Summary a = Summary.of(after);
    double difference = a.mean() - b.mean();
    double d = Double.NaN;
    double g = Double.NaN;
    double p = Double.NaN;
    if (b.n() >= 2 && a.n() >= 2) {
      double pooled = Math.sqrt(((b.n() - 1) * b.sd() * b.sd() + (a.n() - 1) * a.sd() * a.sd())
          / (b.n() + a.n() - 2));
      if (pooled > 0) {
        d = difference / pooled;
        g = d * (1 - 3.0 / (4.0 * (b.n() + a.n()) - 9));
      }
      if (b.sd() > 0 || a.sd() > 0) {
        p = new TTest().tTest(before, after);
      }
    }
    return new Comparison(b, a, difference, g, d, p);
  }
}
