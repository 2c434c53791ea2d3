package com.plantar.gateway.store;

import java.util.Locale;

/**
 * The numeric per-stride metrics the store keeps, each named with its unit. The stored column
 * (QuestDB) or field (InfluxDB) is {@link #column()}: the constant's name in lower case, e.g.
 * {@code stride_time_s}. Forces are in newtons, pressures in kPa, shares as fractions 0..1 of the
 * stance-phase load, CoP coordinates in mm in the insole frame (x medial→lateral, y heel→toe).
 */
public enum StrideMetric {
  STRIDE_TIME_S,
  STANCE_TIME_S,
  SWING_TIME_S,
  STANCE_PCT,
  DOUBLE_SUPPORT_S,
  DOUBLE_SUPPORT_PCT,
  PEAK_FORCE_HEEL_N,
  PEAK_FORCE_FOREFOOT_N,
  PEAK_FORCE_TOTAL_N,
  PEAK_PRESSURE_KPA,
  LOADING_RATE_N_PER_S,
  IMPULSE_N_S,
  COP_PATH_LENGTH_MM,
  COP_ML_RANGE_MM,
  COP_AP_RANGE_MM,
  COP_MEAN_VELOCITY_MM_PER_S,
  LOAD_SHARE_HEEL,
  LOAD_SHARE_MIDFOOT,
  LOAD_SHARE_FOREFOOT,
  LOAD_SHARE_TOES,
  LOAD_SHARE_MEDIAL,
  LOAD_SHARE_LATERAL;

  private final String column = name().toLowerCase(Locale.ROOT);

  public String column() {
    return column;
  }
}
