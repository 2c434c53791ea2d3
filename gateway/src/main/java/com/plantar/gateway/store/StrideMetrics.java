package com.plantar.gateway.store;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable set of {@link StrideMetric} values; a metric the engine did not compute is absent
 * ({@link #get} returns NaN), and is stored as null (QuestDB) or no field (InfluxDB).
 */
public final class StrideMetrics {
  private static final StrideMetric[] ALL = StrideMetric.values();
  private final double[] values;

  private StrideMetrics(double[] values) {
    this.values = values;
  }

  public static StrideMetrics of(Map<StrideMetric, Double> values) {
    double[] v = new double[ALL.length];
    Arrays.fill(v, Double.NaN);
    values.forEach((metric, value) -> v[metric.ordinal()] = requireFinite(metric, value));
    return new StrideMetrics(v);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The value, or NaN when absent. */
  public double get(StrideMetric metric) {
    return values[metric.ordinal()];
  }

  public boolean has(StrideMetric metric) {
    return !Double.isNaN(values[metric.ordinal()]);
  }

  public Map<StrideMetric, Double> asMap() {
    Map<StrideMetric, Double> map = new EnumMap<>(StrideMetric.class);
    for (StrideMetric m : ALL) {
      if (has(m)) {
        map.put(m, get(m));
      }
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrideMetrics m && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  private static double requireFinite(StrideMetric metric, Double value) {
    if (value == null || !Double.isFinite(value)) {
      throw new IllegalArgumentException(metric.column() + " must be a finite number: " + value);
    }
    return value;
  }

  /** Collects metrics for one stride; not thread-safe, used by one thread and then dropped. */
  public static final class Builder {
    private final Map<StrideMetric, Double> values = new EnumMap<>(StrideMetric.class);

    private Builder() {}

    public Builder put(StrideMetric metric, double value) {
      values.put(metric, value);
      return this;
    }

    public StrideMetrics build() {
      return of(values);
    }
  }
}
