package com.plantar.simulator.model;

/**
 * Reshapes a foot's per-cell stance profile for pronation, arch and strike without changing the
 * foot's total force at any phase: cells are weighted, then the difference to the original total is
 * given back in proportion to the weighted cells (or, for a forefoot strike, to the forefoot).
 * Immutable after construction; {@link #shape} writes into a caller's array.
 */
final class LoadShaper {
  private static final double HEEL_END = 0.3;
  private static final double MIDFOOT_END = 0.62;
  private static final double FOREFOOT_STRIKE_PHASE = 0.35;

  private final StanceProfiles profiles;
  private final double[] medialFactor;
  private final double[] archFactor;
  private final boolean forefootStrike;
  private final double[] forefootShape;
  private final double[] restingShape;

  LoadShaper(StanceProfiles profiles, double pronation, ArchType arch, FootStrike strike) {
    this.profiles = profiles;
    SensorLayout layout = profiles.layout();
    int cells = layout.cellCount();
    medialFactor = new double[cells];
    archFactor = new double[cells];
    forefootShape = new double[cells];
    restingShape = new double[cells];
    double forefootSum = 0;
    double restingSum = 0;
    for (int c = 0; c < cells; c++) {
      Cell cell = layout.cell(c);
      // x is lateral-positive: pronation loads the medial (negative x) side.
      medialFactor[c] = Math.max(0.05, 1 - 2.4 * pronation * cell.x());
      boolean midfoot = cell.y() >= HEEL_END && cell.y() < MIDFOOT_END;
      archFactor[c] = midfoot ? arch.midfootFactor() : 1;
      forefootShape[c] = cell.y() >= MIDFOOT_END ? profiles.value(c, 0.8) : 0;
      forefootSum += forefootShape[c];
      for (int p = 0; p < StanceProfiles.POINTS; p++) {
        restingShape[c] += profiles.value(c, p / (StanceProfiles.POINTS - 1.0));
      }
      restingSum += restingShape[c];
    }
    for (int c = 0; c < cells; c++) {
      forefootShape[c] /= forefootSum;
      restingShape[c] /= restingSum;
    }
    this.forefootStrike = strike == FootStrike.FOREFOOT;
  }

  /** Shaped cell force / body weight at stance {@code phase}, summing to the profile's total. */
  void shape(double phase, double[] out) {
    int cells = out.length;
    double original = 0;
    double weighted = 0;
    for (int c = 0; c < cells; c++) {
      double v = profiles.value(c, phase);
      original += v;
      double w = v * medialFactor[c] * archFactor[c];
      out[c] = w;
      weighted += w;
    }
    if (weighted > 0) {
      double k = original / weighted;
      for (int c = 0; c < cells; c++) {
        out[c] *= k;
      }
    }
    if (forefootStrike && phase < FOREFOOT_STRIKE_PHASE) {
      double heelKeep = 0.1 + 0.9 * phase / FOREFOOT_STRIKE_PHASE;
      double moved = 0;
      SensorLayout layout = profiles.layout();
      for (int c = 0; c < cells; c++) {
        if (layout.cell(c).y() < HEEL_END) {
          moved += out[c] * (1 - heelKeep);
          out[c] *= heelKeep;
        }
      }
      for (int c = 0; c < cells; c++) {
        out[c] += moved * forefootShape[c];
      }
    }
  }

  /** A still foot's load distribution (mean over stance), summing to 1. */
  double resting(int cell) {
    return restingShape[cell];
  }
}
