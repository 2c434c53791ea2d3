package com.plantar.gait.validation;

import java.util.Arrays;
import java.util.List;

/** Small statistics helpers for the accuracy tables. */
final class Stats {

  private Stats() {}

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int i = (int) Math.ceil(p / 100 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double meanAbs(List<Double> values) {
    return values.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
