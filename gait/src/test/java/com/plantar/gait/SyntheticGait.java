package com.plantar.gait;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes synthetic insole data with known truth, for what the recordings lack (gaps, a dead cell,
 * standing, asymmetric load). Each foot: a double-hump stance force, the centre of pressure rolling
 * from heel to toe, spread over an 8-cell layout as pressures (kPa).
 */
final class SyntheticGait {

  static final double AREA_MM2 = 500;
  /** Cells: heel ×2, midfoot lateral/medial, forefoot lateral/central/medial, hallux. */
  static final double[][] CELLS = {
    {40, 20}, {60, 20}, {75, 100}, {35, 100}, {80, 180}, {55, 185}, {30, 180}, {35, 240}
  };

  static FootLayout layout() {
    List<FootLayout.Cell> cells = new ArrayList<>();
    for (double[] c : CELLS) {
      cells.add(new FootLayout.Cell(c[0], c[1], AREA_MM2));
    }
    return new FootLayout(cells, CellUnit.KILOPASCAL);
  }

  long strideMicros = 1_100_000;
  long stanceMicros = 660_000;
  long sampleMicros = 10_000;
  double leftBodyForceN = 700;
  double rightBodyForceN = 700;
  int deadCell = -1;
  /** Share of body force still on a foot in swing (shuffling); 0 = lifted. */
  double swingLoadFraction;
  /** Every n-th left stance pivots (CoP does not roll forward), 0 = never. */
  int leftPivotEvery;
  double clipKpa = Double.POSITIVE_INFINITY;

  /** Initial contact of stride {@code k} of a foot (right foot half a stride later). */
  long contactMicros(FootSide foot, int k) {
    return 200_000 + k * strideMicros + (foot == FootSide.RIGHT ? strideMicros / 2 : 0);
  }

  /** Total force of a foot at a time (0 in swing). */
  double force(FootSide foot, long micros) {
    double u = stancePhase(foot, micros);
    double body = foot == FootSide.LEFT ? leftBodyForceN : rightBodyForceN;
    double rest = swingLoadFraction * body;
    if (Double.isNaN(u)) {
      return rest;
    }
    return Math.max(rest,
        body * (0.9 * Math.sin(Math.PI * u) + 0.25 * Math.sin(3 * Math.PI * u)));
  }

  /** Stance phase 0..1 at a time, or NaN in swing. */
  double stancePhase(FootSide foot, long micros) {
    long first = contactMicros(foot, 0);
    if (micros < first) {
      return Double.NaN;
    }
    long into = (micros - first) % strideMicros;
    return into < stanceMicros ? into / (double) stanceMicros : Double.NaN;
  }

  /** Cell pressures (kPa) for a total force with the CoP at stance phase {@code u}. */
  float[] cells(double force, double u) {
    double y = 20 + 220 * u;
    double x = 55 + 15 * Math.sin(Math.PI * u);
    double[] w = new double[CELLS.length];
    double sum = 0;
    for (int i = 0; i < CELLS.length; i++) {
      double dy = (CELLS[i][1] - y) / 45;
      double dx = (CELLS[i][0] - x) / 30;
      w[i] = Math.exp(-0.5 * (dx * dx + dy * dy));
      sum += w[i];
    }
    float[] kpa = new float[CELLS.length];
    for (int i = 0; i < CELLS.length; i++) {
      double cellForce = force * w[i] / sum;
      double p = cellForce / (AREA_MM2 * 1e-3);
      kpa[i] = i == deadCell ? 0 : (float) Math.min(p, clipKpa);
    }
    return kpa;
  }

  float[] cellsAt(FootSide foot, long micros) {
    double u = stancePhase(foot, micros);
    long stride = (micros - contactMicros(foot, 0)) / strideMicros;
    boolean pivot = foot == FootSide.LEFT && leftPivotEvery > 0 && micros >= contactMicros(foot, 0)
        && stride % leftPivotEvery == leftPivotEvery - 1;
    return cells(force(foot, micros), Double.isNaN(u) ? 0.5 : pivot ? 0.2 : u);
  }
}
