package com.plantar.gateway.live;

import com.plantar.gateway.processing.InsoleDescription;
import java.util.List;

/** Where an insole's cells are, in mm of the foot frame (x lateral+, y heel→toe), from its latest HELLO. */
public record InsoleLayout(double lengthMm, double widthMm, List<Cell> cells) {
  public record Cell(double xMm, double yMm, double areaMm2) {}

  public InsoleLayout {
    cells = List.copyOf(cells);
  }

  public static InsoleLayout of(InsoleDescription description) {
    return new InsoleLayout(description.lengthMm(), description.widthMm(), description.cells().stream()
        .map(c -> new Cell(c.x() * description.widthMm(), c.y() * description.lengthMm(), c.areaMm2()))
        .toList());
  }
}
