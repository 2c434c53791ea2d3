package com.plantar.gateway.api.trends;

import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.store.StrideMetric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The per-stride metrics the API serves, as a clinician reads them: the store's column name as the
 * metric's name, a label, a unit, and the factor from the stored value to the shown one (load shares
 * are stored as fractions 0..1 and shown in percent). Immutable.
 */
public final class MetricCatalog {
  /** One metric as shown. */
  public record Entry(StrideMetric metric, String name, String label, String unit, double scale) {
    public double shown(double stored) {
      return stored * scale;
    }

    /** The CSV column: the name, with the unit spelled in it when the name does not carry it. */
    public String csvColumn() {
      return scale == 100 ? name + "_pct" : name;
    }
  }

  private final Map<StrideMetric, Entry> entries = new EnumMap<>(StrideMetric.class);

  /**
   * Every stored metric the gait engine fills (StoreOutput); peak heel and forefoot force and mean CoP
   * velocity have columns but no value yet, so they are not offered.
   */
  public MetricCatalog() {
    add(StrideMetric.STRIDE_TIME_S, "Stride time", "s", 1);
    add(StrideMetric.STANCE_TIME_S, "Stance time", "s", 1);
    add(StrideMetric.SWING_TIME_S, "Swing time", "s", 1);
    add(StrideMetric.STANCE_PCT, "Stance", "% of stride", 1);
    add(StrideMetric.DOUBLE_SUPPORT_S, "Double support", "s", 1);
    add(StrideMetric.DOUBLE_SUPPORT_PCT, "Double support", "% of stride", 1);
    add(StrideMetric.PEAK_FORCE_TOTAL_N, "Peak force", "N", 1);
    add(StrideMetric.PEAK_PRESSURE_KPA, "Peak pressure", "kPa", 1);
    add(StrideMetric.LOADING_RATE_N_PER_S, "Loading rate", "N/s", 1);
    add(StrideMetric.IMPULSE_N_S, "Impulse", "N·s", 1);
    add(StrideMetric.COP_PATH_LENGTH_MM, "Centre-of-pressure path", "mm", 1);
    add(StrideMetric.COP_ML_RANGE_MM, "CoP medio-lateral range", "mm", 1);
    add(StrideMetric.COP_AP_RANGE_MM, "CoP antero-posterior range", "mm", 1);
    add(StrideMetric.LOAD_SHARE_HEEL, "Heel load", "% of stance load", 100);
    add(StrideMetric.LOAD_SHARE_MIDFOOT, "Midfoot load", "% of stance load", 100);
    add(StrideMetric.LOAD_SHARE_FOREFOOT, "Forefoot load", "% of stance load", 100);
    add(StrideMetric.LOAD_SHARE_TOES, "Toe load", "% of stance load", 100);
    add(StrideMetric.LOAD_SHARE_MEDIAL, "Medial load", "% of stance load", 100);
    add(StrideMetric.LOAD_SHARE_LATERAL, "Lateral load", "% of stance load", 100);
  }

  private void add(StrideMetric metric, String label, String unit, double scale) {
    entries.put(metric, new Entry(metric, metric.column(), label, unit, scale));
  }

  public List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  public Entry get(StrideMetric metric) {
    return entries.get(metric);
  }

  /** The metric called {@code name}; 400 unknown_metric (or missing_parameter) otherwise. */
  public Entry byName(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiError.badRequest("missing_parameter", "\"metric\" is required; GET /api/metrics lists them");
    }
    for (Entry entry : entries.values()) {
      if (entry.name().equals(name)) {
        return entry;
      }
    }
    throw ApiError.badRequest("unknown_metric", "unknown metric \"" + truncate(name) + "\"; GET /api/metrics lists them");
  }

  private static String truncate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
