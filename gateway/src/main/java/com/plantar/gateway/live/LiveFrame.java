package com.plantar.gateway.live;

/**
 * Both feet of one wearer at one moment, as the live view draws them: kPa per cell, centre of
 * pressure (mm, foot frame; NaN when unloaded) and load in newtons; a foot not heard from yet is null.
 * Immutable once published (the arrays are never written after construction).
 */
public record LiveFrame(long utcUs, Foot left, Foot right) {
  public record Foot(float[] cellsKpa, double copXMm, double copYMm, double loadN) {}
}
