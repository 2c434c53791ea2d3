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
  static final String SECONDS = "raw_seconds";
  /** The view of per-second means an earlier build kept; dropped at open, see {@link #dropRaw1sView}. */
  static final String OLD_RAW_1S_VIEW = "raw_frames_1s";
  static final String STRIDES = "strides";
  static final String WINDOWS = "window_summaries";
  static final String BALANCE = "balance";
  static final String ALERTS = "alerts";
  /** Cells whose per-second mean has its own column in {@link #SECONDS} ({@code c0}…). */
  static final int SECOND_MEAN_CELLS = 16;

  private QuestDbSchema() {}

  static String secondMeanColumn(int cell) {
    return "c" + cell;
  }

  /**
   * One row per DATA frame (two when it straddles a second; {@link RawFrameBlob}): its first sample's
   * time, who and what, and every sample in {@code data} ({@link RawFrameBlob}). A row per sample was
   * measured to hold the gateway to fewer than 1,000 insoles (STORAGE.md "Speed", BENCHMARKS.md): each
   * write then merged 25 × as many rows into the table, one column per cell. Per-cell means are not
   * columns here either: every column is a file that each WAL commit syncs (BENCHMARKS.md), so they
   * live in {@link #SECONDS}, written every few seconds instead of with every frame.
   */
  static String createRaw(int ttlDays) {
    return "CREATE TABLE IF NOT EXISTS " + RAW + " (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, device SYMBOL, "
        + "side SYMBOL, time_quality SYMBOL, samples SHORT, cells SHORT, data BINARY) TIMESTAMP(ts) "
        + "PARTITION BY DAY TTL " + ttlDays + " DAYS WAL DEDUP UPSERT KEYS(ts, tenant, device)";
  }

  static String rawTtl(int ttlDays) {
    return "ALTER TABLE " + RAW + " SET TTL " + ttlDays + " DAYS";
  }

  /**
   * Per device and UTC second, the sample count and the mean of each of the first {@link
   * #SECOND_MEAN_CELLS} cells, kept {@code ttlDays}: computed by {@link SecondMeans} from the raw
   * rows, a whole second at a time, so a row is replaced (DEDUP UPSERT), never added to.
   */
  static String createSeconds(int ttlDays) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + SECONDS + " (ts TIMESTAMP, tenant SYMBOL, "
        + "wearer SYMBOL, device SYMBOL, side SYMBOL, samples INT");
    for (int c = 0; c < SECOND_MEAN_CELLS; c++) {
      sql.append(", ").append(secondMeanColumn(c)).append(" FLOAT");
    }
    return sql.append(") TIMESTAMP(ts) PARTITION BY DAY TTL ").append(ttlDays)
        .append(" DAYS WAL DEDUP UPSERT KEYS(ts, tenant, device)").toString();
  }

  static String secondsTtl(int ttlDays) {
    return "ALTER TABLE " + SECONDS + " SET TTL " + ttlDays + " DAYS";
  }

  /**
   * The build before {@link #SECONDS} kept per-second means in a materialized view over mean columns
   * of the raw table. Nothing refreshes it any more, and a view whose refreshes nobody runs would queue
   * them in the engine: it goes (one development build had it; its means are recomputed only for
   * seconds written from now on).
   */
  static String dropRaw1sView() {
    return "DROP MATERIALIZED VIEW IF EXISTS " + OLD_RAW_1S_VIEW;
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
