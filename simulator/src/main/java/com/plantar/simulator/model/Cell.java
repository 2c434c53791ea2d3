package com.plantar.simulator.model;

/**
 * One pressure cell: position as a fraction of insole width ({@code x}, lateral positive, 0 on the
 * centre line) and length ({@code y}, heel 0 to toe 1), in the device's own foot frame, and its area.
 */
public record Cell(double x, double y, double areaMm2) {
  public Cell {
    if (!(areaMm2 > 0)) {
      throw new IllegalArgumentException("cell area must be positive: " + areaMm2);
    }
  }
}
