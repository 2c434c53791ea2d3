package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * Rows as InfluxDB points. Tags are only the bounded identities (tenant, wearer, device, side, and the
 * summary kind or alert type); everything measured is a field. A point's identity (measurement, tag
 * set, time in µs) is the row's identity, so writing a row again overwrites it. NaN values are left
 * out: line protocol has no NaN, and a missing field reads back as null.
 */
final class InfluxPoints {
  static final String RAW = "raw_samples";
  static final String STRIDES = "strides";
  static final String WINDOWS = "window_summaries";
  static final String BALANCE = "balance";
  static final String ALERTS = "alerts";

  private InfluxPoints() {}

  static String cellField(int cell) {
    return "c" + cell;
  }

  static void raw(RawSampleBatch b, List<Point> out) {
    long[] times = b.sampleTimesUtcUs();
    int[] values = b.cellValues();
    int cells = b.cellCount();
    String side = b.side().name();
    String quality = b.timeQuality().label();
    for (int s = 0, v = 0; s < times.length; s++) {
      Point.Builder p = Point.measurement(RAW).time(times[s], TimeUnit.MICROSECONDS)
          .tag("tenant", b.tenant()).tag("wearer", b.wearer()).tag("device", b.device()).tag("side", side)
          .addField("cells", cells).addField("time_quality", quality);
      for (int c = 0; c < cells; c++, v++) {
        p.addField(cellField(c), values[v]);
      }
      out.add(p.build());
    }
  }

  static Point stride(StrideRow s) {
    Point.Builder p = Point.measurement(STRIDES).time(s.initialContactUtcUs(), TimeUnit.MICROSECONDS)
        .tag("tenant", s.tenant()).tag("wearer", s.wearer()).tag("device", s.device()).tag("side", s.side().name())
        .addField("toe_off_utc_us", s.toeOffUtcUs())
        .addField("next_initial_contact_utc_us", s.nextInitialContactUtcUs());
    for (StrideMetric m : StrideMetric.values()) {
      if (s.metrics().has(m)) {
        p.addField(m.column(), s.metrics().get(m));
      }
    }
    return p.build();
  }

  static Point window(WindowSummaryRow r) {
    Point.Builder p = Point.measurement(WINDOWS).time(r.startUtcUs(), TimeUnit.MICROSECONDS)
        .tag("tenant", r.tenant()).tag("wearer", r.wearer()).tag("kind", r.kind().label())
        .addField("window_end_utc_us", r.endUtcUs()).addField("steps", r.steps());
    field(p, "cadence_steps_per_min", r.cadenceStepsPerMin());
    field(p, "load_share_left", r.loadShareLeft());
    field(p, "load_share_right", r.loadShareRight());
    field(p, "symmetry_index_stride_time_pct", r.symmetryIndexStrideTimePct());
    field(p, "symmetry_index_stance_time_pct", r.symmetryIndexStanceTimePct());
    field(p, "symmetry_index_peak_force_pct", r.symmetryIndexPeakForcePct());
    field(p, "stride_time_cv_pct", r.strideTimeCvPct());
    return p.build();
  }

  static Point balance(BalanceRow r) {
    Point.Builder p = Point.measurement(BALANCE).time(r.startUtcUs(), TimeUnit.MICROSECONDS)
        .tag("tenant", r.tenant()).tag("wearer", r.wearer()).addField("window_end_utc_us", r.endUtcUs());
    field(p, "cop_path_length_mm", r.copPathLengthMm());
    field(p, "sway_area_mm2", r.swayAreaMm2());
    field(p, "cop_ml_range_mm", r.copMlRangeMm());
    field(p, "cop_ap_range_mm", r.copApRangeMm());
    field(p, "cop_mean_velocity_mm_per_s", r.copMeanVelocityMmPerS());
    field(p, "load_share_left", r.loadShareLeft());
    return p.build();
  }

  static Point alert(AlertEvent e) {
    Point.Builder p = Point.measurement(ALERTS).time(e.timeUtcUs(), TimeUnit.MICROSECONDS)
        .tag("tenant", e.tenant()).tag("wearer", e.wearer()).tag("type", e.type())
        .addField("severity", e.severity().label()).addField("message", e.message());
    e.device().ifPresent(d -> p.addField("device", d));
    field(p, "value", e.value());
    field(p, "threshold", e.threshold());
    return p.build();
  }

  private static void field(Point.Builder p, String name, double value) {
    if (!Double.isNaN(value)) {
      p.addField(name, value);
    }
  }
}
