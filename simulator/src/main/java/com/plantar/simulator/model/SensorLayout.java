package com.plantar.simulator.model;

import java.util.List;

/** A named insole cell layout, in HELLO {@code pressure.sensors} order. */
public record SensorLayout(String name, List<Cell> cells) {
  public SensorLayout {
    if (cells.isEmpty() || cells.size() > 64) {
      throw new IllegalArgumentException("a layout has 1..64 cells: " + cells.size());
    }
    cells = List.copyOf(cells);
  }

  public int cellCount() {
    return cells.size();
  }

  public Cell cell(int index) {
    return cells.get(index);
  }
}
