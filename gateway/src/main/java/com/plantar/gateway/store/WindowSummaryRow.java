package com.plantar.gateway.store;

/**
 * Both feet of one wearer summarised over a window or a bout {@code [startUtcUs, endUtcUs)}. Load
 * shares are fractions 0..1 of the summed load; symmetry indices are in percent (0 = symmetric);
 * a value that could not be computed is NaN and is stored as null / no field. Identity: tenant,
 * wearer, kind, start.
 */
public record WindowSummaryRow(String tenant, String wearer, SummaryKind kind, long startUtcUs, long endUtcUs,
    int steps, double cadenceStepsPerMin, double loadShareLeft, double loadShareRight,
    double symmetryIndexStrideTimePct, double symmetryIndexStanceTimePct, double symmetryIndexPeakForcePct,
    double strideTimeCvPct) {
  public WindowSummaryRow {
    SeriesIds.require("tenant", tenant);
    SeriesIds.require("wearer", wearer);
    SeriesIds.nonNull("kind", kind);
    if (endUtcUs < startUtcUs || steps < 0) {
      throw new IllegalArgumentException("window must not end before it starts, steps ≥ 0");
    }
  }
}
