package com.plantar.gait;

/**
 * Plantar regions by position along the insole (fraction of the cell layout's heel-to-toe extent):
 * heel below 0.30, midfoot below 0.60, forefoot below 0.85, toes above. See METRICS.md.
 */
public enum Region {
  HEEL,
  MIDFOOT,
  FOREFOOT,
  TOES;

  static final double MIDFOOT_FROM = 0.30;
  static final double FOREFOOT_FROM = 0.60;
  static final double TOES_FROM = 0.85;

  /** The region of a position at {@code fraction} (0 = rearmost cell, 1 = foremost cell). */
  public static Region atLengthFraction(double fraction) {
    if (fraction < MIDFOOT_FROM) {
      return HEEL;
    }
    if (fraction < FOREFOOT_FROM) {
      return MIDFOOT;
    }
    return fraction < TOES_FROM ? FOREFOOT : TOES;
  }
}
