package com.plantar.gait;

import java.util.List;

/**
 * The cells of one insole, as announced in HELLO, in the foot frame: {@code x} in millimetres
 * towards the lateral side (the same direction for both feet: a right-foot layout is not mirrored
 * here), {@code y} in millimetres towards the toes, {@code area} in mm² (0 when unknown, which
 * disables pressure metrics for force cells).
 *
 * @param cells at least one cell; index order is the order of values in each sample
 * @param unit what the sample values are
 */
public record FootLayout(List<Cell> cells, CellUnit unit) {

  /** One sensing cell. */
  public record Cell(double xMm, double yMm, double areaMm2) {
    public Cell {
      if (!Double.isFinite(xMm) || !Double.isFinite(yMm) || !(areaMm2 >= 0)) {
        throw new IllegalArgumentException(
            "cell needs finite x, y and a non-negative area: " + xMm + ", " + yMm + ", " + areaMm2);
      }
    }
  }

  public FootLayout {
    cells = List.copyOf(cells);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("a foot layout needs at least one cell");
    }
    if (unit == null) {
      throw new IllegalArgumentException("a foot layout needs a unit");
    }
  }

  public int size() {
    return cells.size();
  }

  /** True when every cell has an area, so forces and pressures can be converted into each other. */
  public boolean hasAreas() {
    return cells.stream().allMatch(c -> c.areaMm2() > 0);
  }

  /** Region of each cell, by its position along the layout's heel-to-toe extent. */
  public Region regionOf(int cell) {
    double minY = cells.stream().mapToDouble(Cell::yMm).min().orElseThrow();
    double maxY = cells.stream().mapToDouble(Cell::yMm).max().orElseThrow();
    double span = maxY - minY;
    double fraction = span > 0 ? (cells.get(cell).yMm() - minY) / span : 0.5;
    return Region.atLengthFraction(fraction);
  }

  /** Medial weight of a cell: 1 medial of the layout's midline, 0 lateral, 0.5 on it. */
  public double medialWeightOf(int cell) {
    double midX = cells.stream().mapToDouble(Cell::xMm).average().orElseThrow();
    double x = cells.get(cell).xMm();
    return x < midX - 1e-9 ? 1 : x > midX + 1e-9 ? 0 : 0.5;
  }

  /** Medial-lateral extent of the cells in mm (the foot-width proxy used by CPEI). */
  public double widthMm() {
    double min = cells.stream().mapToDouble(Cell::xMm).min().orElseThrow();
    double max = cells.stream().mapToDouble(Cell::xMm).max().orElseThrow();
    return max - min;
  }

  /** Heel-to-toe extent of the cells in mm. */
  public double lengthMm() {
    double min = cells.stream().mapToDouble(Cell::yMm).min().orElseThrow();
    double max = cells.stream().mapToDouble(Cell::yMm).max().orElseThrow();
    return max - min;
  }
}
