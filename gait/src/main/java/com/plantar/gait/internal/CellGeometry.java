package com.plantar.gait.internal;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootLayout;

/**
 * One foot's cell layout, flattened into arrays, plus the per-sample results of converting one
 * row of cell values into cell forces, pressures, total force and centre of pressure. Reused for
 * every sample: no allocation after construction.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class CellGeometry {

  /** kPa × mm² = 1e3 N/m² × 1e-6 m² = 1e-3 N. */
  private static final double NEWTON_PER_KPA_MM2 = 1e-3;

  private final int size;
  private final boolean pressureInput;
  private final double[] x;
  private final double[] y;
  private final double[] area;
  private final int[] region;
  private final double[] medialWeight;
  private final double width;
  private final double length;
  private final double distalThirdY;
  private final float[] force;
  private final float[] pressure;
  private double total;
  private double copX;
  private double copY;

  CellGeometry(FootLayout layout) {
    size = layout.size();
    pressureInput = layout.unit() == CellUnit.KILOPASCAL;
    x = new double[size];
    y = new double[size];
    area = new double[size];
    region = new int[size];
    medialWeight = new double[size];
    double minY = Double.POSITIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      FootLayout.Cell c = layout.cells().get(i);
      x[i] = c.xMm();
      y[i] = c.yMm();
      area[i] = c.areaMm2();
      region[i] = layout.regionOf(i).ordinal();
      medialWeight[i] = layout.medialWeightOf(i);
      minY = Math.min(minY, c.yMm());
    }
    if (pressureInput && !layout.hasAreas()) {
      throw new IllegalArgumentException("pressure cells need areas to give forces");
    }
    width = layout.widthMm();
    length = layout.lengthMm();
    distalThirdY = minY + layout.lengthMm() * 2 / 3;
    force = new float[size];
    pressure = new float[size];
  }

  int size() {
    return size;
  }

  /**
   * Converts one row of cell values; returns false (and changes nothing) when a value is not
   * finite. Negative values (sensor offset below zero) count as no load.
   */
  boolean load(float[] values) {
    for (int i = 0; i < size; i++) {
      float v = values[i];
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    double sum = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < size; i++) {
      float v = Math.max(values[i], 0f);
      float f;
      float p;
      if (pressureInput) {
        p = v;
        f = (float) (v * area[i] * NEWTON_PER_KPA_MM2);
      } else {
        f = v;
        p = area[i] > 0 ? (float) (v / (area[i] * NEWTON_PER_KPA_MM2)) : Float.NaN;
      }
      force[i] = f;
      pressure[i] = p;
      sum += f;
      sx += f * x[i];
      sy += f * y[i];
    }
    total = sum;
    if (sum > 0) {
      copX = sx / sum;
      copY = sy / sum;
    }
    return true;
  }

  float[] cellForces() {
    return force;
  }

  double cellPressureKpa(int cell) {
    return pressure[cell];
  }

  double totalCellForce() {
    return total;
  }

  double copX() {
    return copX;
  }

  double copY() {
    return copY;
  }

  int regionIndex(int cell) {
    return region[cell];
  }

  double medialWeight(int cell) {
    return medialWeight[cell];
  }

  double widthMm() {
    return width;
  }

  double lengthMm() {
    return length;
  }

  double distalThirdYMm() {
    return distalThirdY;
  }
}
