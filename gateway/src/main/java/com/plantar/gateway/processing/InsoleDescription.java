package com.plantar.gateway.processing;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import java.util.ArrayList;
import java.util.List;

/**
 * What a HELLO says about an insole that processing needs: its side, the configuration it names,
 * per cell the position (fractions of the insole, PROTOCOL.md §8), area and calibration, and the
 * backlog it announced ({@code backlog.frames}; −1 when it did not say).
 */
public record InsoleDescription(FootSide side, long configId, long bootId, long monoNowUs,
    double lengthMm, double widthMm, List<Cell> cells, long announcedBacklogFrames) {

  /** One pressure cell: x lateral-positive and y heel-to-toe, as fractions of the insole. */
  public record Cell(double x, double y, double areaMm2, CellCalibration calibration) {}

  public InsoleDescription {
    cells = List.copyOf(cells);
  }

  /** The gait engine's layout: positions in millimetres of this insole, values in kPa. */
  public FootLayout footLayout() {
    List<FootLayout.Cell> layout = new ArrayList<>(cells.size());
    for (Cell cell : cells) {
      layout.add(new FootLayout.Cell(cell.x() * widthMm, cell.y() * lengthMm, cell.areaMm2()));
    }
    return new FootLayout(layout, CellUnit.KILOPASCAL);
  }
}
