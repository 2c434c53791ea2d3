package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.WindowSummaryRow;
import java.nio.charset.StandardCharsets;

/**
 * Rows as InfluxDB points, written as line protocol into a {@link LineBuffer}. Tags are only the
 * bounded identities (tenant, wearer, device, side, and the summary kind or alert type), in key order;
 * everything measured is a field. A point's identity (measurement, tag set, time in µs) is the row's
 * identity, so writing a row again overwrites it. NaN (and infinite) values are left out: line
 * protocol has neither, and a missing field reads back as null.
 */
final class InfluxPoints {
  static final String RAW = "raw_samples";
  static final String STRIDES = "strides";
  static final String WINDOWS = "window_summaries";
  static final String BALANCE = "balance";
  static final String ALERTS = "alerts";

  private static final StrideMetric[] METRICS = StrideMetric.values();
  /** {@code ,c0=} … {@code ,c63=}: the raw cell fields after the first, ready to copy. */
  private static final byte[][] CELL_FIELDS = new byte[RawSampleBatch.MAX_CELLS][];

  static {
    for (int c = 0; c < CELL_FIELDS.length; c++) {
      CELL_FIELDS[c] = ("," + cellField(c) + "=").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private InfluxPoints() {}

  static String cellField(int cell) {
    return "c" + cell;
  }

  static void raw(RawSampleBatch b, LineBuffer out) {
    long[] times = b.sampleTimesUtcUs();
    int[] values = b.cellValues();
    int cells = b.cellCount();
    String side = b.side().name();
    String quality = b.timeQuality().label();
    for (int s = 0, v = 0; s < times.length; s++) {
      out.key(RAW).ascii(",device=").key(b.device()).ascii(",side=").key(side)
          .ascii(",tenant=").key(b.tenant()).ascii(",wearer=").key(b.wearer())
          .ascii(" cells=").integer(cells);
      for (int c = 0; c < cells; c++, v++) {
        out.ascii(CELL_FIELDS[c]).integer(values[v]);
      }
      out.ascii(",time_quality=").quoted(quality).endLine(times[s]);
    }
  }

  static void stride(StrideRow s, LineBuffer out) {
    out.key(STRIDES).ascii(",device=").key(s.device()).ascii(",side=").key(s.side().name())
        .ascii(",tenant=").key(s.tenant()).ascii(",wearer=").key(s.wearer())
        .ascii(" toe_off_utc_us=").integer(s.toeOffUtcUs())
        .ascii(",next_initial_contact_utc_us=").integer(s.nextInitialContactUtcUs());
    for (StrideMetric m : METRICS) {
      if (s.metrics().has(m)) {
        field(out, m.column(), s.metrics().get(m));
      }
    }
    out.endLine(s.initialContactUtcUs());
  }

  static void window(WindowSummaryRow r, LineBuffer out) {
    out.key(WINDOWS).ascii(",kind=").key(r.kind().label()).ascii(",tenant=").key(r.tenant())
        .ascii(",wearer=").key(r.wearer())
        .ascii(" window_end_utc_us=").integer(r.endUtcUs()).ascii(",steps=").integer(r.steps());
    field(out, "cadence_steps_per_min", r.cadenceStepsPerMin());
    field(out, "load_share_left", r.loadShareLeft());
    field(out, "load_share_right", r.loadShareRight());
    field(out, "symmetry_index_stride_time_pct", r.symmetryIndexStrideTimePct());
    field(out, "symmetry_index_stance_time_pct", r.symmetryIndexStanceTimePct());
    field(out, "symmetry_index_peak_force_pct", r.symmetryIndexPeakForcePct());
    field(out, "stride_time_cv_pct", r.strideTimeCvPct());
    out.endLine(r.startUtcUs());
  }

  static void balance(BalanceRow r, LineBuffer out) {
    out.key(BALANCE).ascii(",tenant=").key(r.tenant()).ascii(",wearer=").key(r.wearer())
        .ascii(" window_end_utc_us=").integer(r.endUtcUs());
    field(out, "cop_path_length_mm", r.copPathLengthMm());
    field(out, "sway_area_mm2", r.swayAreaMm2());
    field(out, "cop_ml_range_mm", r.copMlRangeMm());
    field(out, "cop_ap_range_mm", r.copApRangeMm());
    field(out, "cop_mean_velocity_mm_per_s", r.copMeanVelocityMmPerS());
    field(out, "load_share_left", r.loadShareLeft());
    out.endLine(r.startUtcUs());
  }

  static void alert(AlertEvent e, LineBuffer out) {
    out.key(ALERTS).ascii(",tenant=").key(e.tenant()).ascii(",type=").key(e.type()).ascii(",wearer=").key(e.wearer())
        .ascii(" severity=").quoted(e.severity().label()).ascii(",message=").quoted(e.message());
    e.device().ifPresent(d -> out.ascii(",device=").quoted(d));
    field(out, "value", e.value());
    field(out, "threshold", e.threshold());
    out.endLine(e.timeUtcUs());
  }

  /** A float field after the first field of the line, left out when not finite. */
  private static void field(LineBuffer out, String name, double value) {
    if (Double.isFinite(value)) {
      out.ascii(',').key(name).ascii('=').decimal(value);
    }
  }
}
