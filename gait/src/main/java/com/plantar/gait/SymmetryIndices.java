package com.plantar.gait;

/**
 * Left/right symmetry indices (Robinson et al. 1987): SI = |L − R| / ((L + R) / 2) × 100 %, 0 is
 * perfect symmetry. NaN when a foot has no stride in the span.
 */
public record SymmetryIndices(
    double stancePct, double swingPct, double stepTimePct, double loadPct, double peakForcePct) {

  public static double of(double left, double right) {
    double mean = (left + right) / 2;
    return mean == 0 || Double.isNaN(mean) ? Double.NaN : Math.abs(left - right) / mean * 100;
  }
}
