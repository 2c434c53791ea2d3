package com.plantar.gait;

/** What the per-cell values of a {@link FootLayout} measure. */
public enum CellUnit {
  /** Pressure in kilopascals; a cell's force is pressure times its area. */
  KILOPASCAL,
  /** Force in newtons; a cell's pressure is force divided by its area (when the area is known). */
  NEWTON
}
