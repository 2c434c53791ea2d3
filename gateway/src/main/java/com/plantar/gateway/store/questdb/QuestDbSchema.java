package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.StrideMetric;

/**
 * The QuestDB tables, one per row type. Every table is a WAL table with a designated timestamp
 * {@code ts} and DEDUP UPSERT KEYS on the row's identity, so a replayed write replaces itself. Raw
 * samples are partitioned by day and carry the raw-retention TTL; the low-rate tables are partitioned
 * by month (a day holds at most ~100 k strides of a wearer; day partitions would be mostly tiny
 * directories) and kept forever.
 */
final class QuestDbSchema {
  static final String RAW = "raw_samples";
  static final String RAW_1S = "raw_samples_1s";
  static final String STRIDES = "strides";
  static final String WINDOWS = "window_summaries";
  static final String BALANCE = "balance";
  static final String ALERTS = "alerts";
  /** Cell columns created up front; more ({@code c16}…{@code c63}) are added when a device needs them. */
  static final int INITIAL_CELL_COLUMNS = 16;

  private QuestDbSchema() {}

  static String cellColumn(int cell) {
    return "c" + cell;
  }

  static String createRaw(int ttlDays) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + RAW + " (ts TIMESTAMP, tenant SYMBOL, "
        + "wearer SYMBOL, device SYMBOL, side SYMBOL, time_quality SYMBOL, cells SHORT");
    for (int c = 0; c < INITIAL_CELL_COLUMNS; c++) {
      sql.append(", ").append(cellColumn(c)).append(" INT");
    }
    return sql.append(") TIMESTAMP(ts) PARTITION BY DAY TTL ").append(ttlDays)
        .append(" DAYS WAL DEDUP UPSERT KEYS(ts, tenant, device)").toString();
  }

  static String rawTtl(int ttlDays) {
    return "ALTER TABLE " + RAW + " SET TTL " + ttlDays + " DAYS";
  }

  /**
   * Per-second means of the first {@link #INITIAL_CELL_COLUMNS} cells, per device, kept {@code ttlDays}:
   * a materialized view QuestDB refreshes incrementally from each raw commit. Cells added later
   * ({@code c16}…) are not in it.
   */
  static String createRaw1s(int ttlDays) {
    StringBuilder sql = new StringBuilder("CREATE MATERIALIZED VIEW IF NOT EXISTS " + RAW_1S
        + " AS (SELECT ts, tenant, wearer, device, side, count() samples");
    for (int c = 0; c < INITIAL_CELL_COLUMNS; c++) {
      sql.append(", avg(").append(cellColumn(c)).append(") ").append(cellColumn(c));
    }
    return sql.append(" FROM ").append(RAW).append(" SAMPLE BY 1s) PARTITION BY DAY TTL ").append(ttlDays)
        .append(" DAYS").toString();
  }

  static String raw1sTtl(int ttlDays) {
    return "ALTER MATERIALIZED VIEW " + RAW_1S + " SET TTL " + ttlDays + " DAYS";
  }

  static String addCellColumn(int cell) {
    return "ALTER TABLE " + RAW + " ADD COLUMN " + cellColumn(cell) + " INT";
  }

  static String createStrides() {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + STRIDES + " (ts TIMESTAMP, tenant SYMBOL, "
        + "wearer SYMBOL, device SYMBOL, side SYMBOL, toe_off TIMESTAMP, next_initial_contact TIMESTAMP");
    for (StrideMetric m : StrideMetric.values()) {
      sql.append(", ").append(m.column()).append(" DOUBLE");
    }
    return sql.append(") TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, tenant, device)").toString();
  }

  static String createWindows() {
    return "CREATE TABLE IF NOT EXISTS " + WINDOWS + " (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, kind SYMBOL, "
        + "window_end TIMESTAMP, steps INT, cadence_steps_per_min DOUBLE, load_share_left DOUBLE, "
        + "load_share_right DOUBLE, symmetry_index_stride_time_pct DOUBLE, symmetry_index_stance_time_pct DOUBLE, "
        + "symmetry_index_peak_force_pct DOUBLE, stride_time_cv_pct DOUBLE) "
        + "TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, tenant, wearer, kind)";
  }

  static String createBalance() {
    return "CREATE TABLE IF NOT EXISTS " + BALANCE + " (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, "
        + "window_end TIMESTAMP, cop_path_length_mm DOUBLE, sway_area_mm2 DOUBLE, cop_ml_range_mm DOUBLE, "
        + "cop_ap_range_mm DOUBLE, cop_mean_velocity_mm_per_s DOUBLE, load_share_left DOUBLE) "
        + "TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, tenant, wearer)";
  }

  static String createAlerts() {
    return "CREATE TABLE IF NOT EXISTS " + ALERTS + " (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, type SYMBOL, "
        + "device SYMBOL, severity SYMBOL, value DOUBLE, threshold DOUBLE, message STRING) "
        + "TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, tenant, wearer, type)";
  }
}
