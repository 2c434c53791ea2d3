package com.plantar.gateway.store;

/**
 * Standing balance of one wearer over {@code [startUtcUs, endUtcUs)}, from the combined centre of
 * pressure of both feet: path length, 95 % ellipse sway area, medio-lateral and antero-posterior
 * range, mean CoP velocity, and the left foot's share of the load (0..1). NaN = not computed.
 * Identity: tenant, wearer, start.
 */
public record BalanceRow(String tenant, String wearer, long startUtcUs, long endUtcUs, double copPathLengthMm,
    double swayAreaMm2, double copMlRangeMm, double copApRangeMm, double copMeanVelocityMmPerS,
    double loadShareLeft) {
  public BalanceRow {
    SeriesIds.require("tenant", tenant);
    SeriesIds.require("wearer", wearer);
    if (endUtcUs < startUtcUs) {
      throw new IllegalArgumentException("balance window ends before it starts");
    }
  }
}
