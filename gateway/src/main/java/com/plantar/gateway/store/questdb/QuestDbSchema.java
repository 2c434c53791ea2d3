package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.StrideMetric;

/**
 * The QuestDB tables, one per row type. Every table is a WAL table with a designated timestamp
 * {@code ts} and DEDUP UPSERT KEYS on the row's identity, so a replayed write replaces itself. Raw
 * frames are partitioned by day and carry the raw-retention TTL; the low-rate tables are partitioned
 * by month (a day holds at most ~100 k strides of a wearer; day partitions would be mostly tiny
 * directories) and kept forever.
 */
final class QuestDbSchema {
  static final String RAW = "raw_frames";
  static final String RAW_1S = "raw_frames_1s";
  static final String STRIDES = "strides";
  static final String WINDOWS = "window_summaries";
  static final String BALANCE = "balance";
  static final String ALERTS = "alerts";
  /** Cells whose per-row mean has its own column ({@code mean_c0}…), for the 1 s view and plain SQL. */
  static final int MEAN_COLUMNS = 16;

  private QuestDbSchema() {}

  static String meanColumn(int cell) {
    return "mean_c" + cell;
  }

  /**
   * One row per DATA frame (two when it straddles a second; {@link RawFrameBlob}): its
   * first sample's time, who and what, the per-cell means of its samples, and every sample in {@code
   * data} ({@link RawFrameBlob}). A row per sample was measured to hold the gateway to fewer than 1,000
   * insoles (STORAGE.md "Speed", BENCHMARKS.md): each write then merged 25 × as many rows into the
   * table, one column per cell.
   */
  static String createRaw(int ttlDays) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + RAW + " (ts TIMESTAMP, tenant SYMBOL, "
        + "wearer SYMBOL, device SYMBOL, side SYMBOL, time_quality SYMBOL, samples SHORT, cells SHORT");
    for (int c = 0; c < MEAN_COLUMNS; c++) {
      sql.append(", ").append(meanColumn(c)).append(" FLOAT");
    }
    return sql.append(", data BINARY) TIMESTAMP(ts) PARTITION BY DAY TTL ").append(ttlDays)
        .append(" DAYS WAL DEDUP UPSERT KEYS(ts, tenant, device)").toString();
  }

  static String rawTtl(int ttlDays) {
    return "ALTER TABLE " + RAW + " SET TTL " + ttlDays + " DAYS";
  }

  /**
   * Per-second means of the first {@link #MEAN_COLUMNS} cells, per device, kept {@code ttlDays}: a
   * materialized view QuestDB refreshes incrementally from the raw commits: the rows' means weighted by
   * their sample counts, exact because a row never straddles a second.
   */
  static String createRaw1s(int ttlDays) {
    StringBuilder sql = new StringBuilder("CREATE MATERIALIZED VIEW IF NOT EXISTS " + RAW_1S
        + " AS (SELECT ts, tenant, wearer, device, side, sum(samples) samples");
    for (int c = 0; c < MEAN_COLUMNS; c++) {
      String mean = meanColumn(c);
      sql.append(", sum(").append(mean).append(" * samples) / sum(samples) c").append(c);
    }
    return sql.append(" FROM ").append(RAW).append(" SAMPLE BY 1s) PARTITION BY DAY TTL ").append(ttlDays)
        .append(" DAYS").toString();
  }

  static String raw1sTtl(int ttlDays) {
    return "ALTER MATERIALIZED VIEW " + RAW_1S + " SET TTL " + ttlDays + " DAYS";
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
