package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.sql.TableMetadata;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.mv.MatViewRefreshJob;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.WalPurgeJob;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes groups of rows into the WAL tables. One WAL writer per table stays open; after each group
 * every touched writer commits (fsync: the engine runs with commit mode SYNC), which is what a
 * completed write promises: the rows survive a crash or power loss, and a WAL left unapplied is
 * applied at the next open. Applying the WAL to the tables (a second fsync'd commit, with dedup) is
 * {@link #publish}: the store writer calls it when its queue goes idle or a read waits, and {@link
 * #commit} itself at most every {@link #APPLY_INTERVAL_NANOS} under a steady stream, so that one
 * apply covers many WAL commits. The 1 s materialized view is refreshed from the new raw rows at
 * most every 10 s, and at close.
 *
 * <p>Threads: created on the opening thread, then used only on the store's writer thread.
 */
final class QuestDbCommitter implements StoreWriter.Committer, AutoCloseable {
  private static final StrideMetric[] METRICS = StrideMetric.values();
  /**
   * How stale the 1 s view may get. Measured with QuestDbIngestBenchmark.port (2 cores, 5 000-row
   * commits): refreshing every second held the port to 40–150 k samples/s and falling, every 10 s
   * gave 240–310 k, about what no refresh at all gave (160–290 k).
   */
  private static final long VIEW_REFRESH_INTERVAL_NANOS = 10_000_000_000L;
  /**
   * How often a never-idle writer applies its WAL. Measured with QuestDbIngestBenchmark (2 cores,
   * ~4 000-row commits): applying after every commit spent more time in the apply's fsyncs than in
   * the WAL commit's and held the port to 0.28 of a raw TableWriter; see STORAGE.md "Speed".
   */
  private static final long APPLY_INTERVAL_NANOS = 1_000_000_000L;

  private final CairoEngine engine;
  private final SqlExecutionContext ddlContext;
  private final ApplyWal2TableJob applyJob;
  private final MatViewRefreshJob refreshJob;
  private final WalPurgeJob purgeJob;
  private long lastRefreshNanos;
  private long lastApplyNanos;
  private final Table raw;
  private final Table strides;
  private final Table windows;
  private final Table balance;
  private final Table alerts;
  private final Table[] tables;
  private int cellColumns;

  QuestDbCommitter(CairoEngine engine, SqlExecutionContext ddlContext) {
    this.engine = engine;
    this.ddlContext = ddlContext;
    this.applyJob = new ApplyWal2TableJob(engine, 0);
    this.refreshJob = new MatViewRefreshJob(0, engine, 0);
    this.purgeJob = new WalPurgeJob(engine);
    this.raw = new Table(QuestDbSchema.RAW);
    this.strides = new Table(QuestDbSchema.STRIDES);
    this.windows = new Table(QuestDbSchema.WINDOWS);
    this.balance = new Table(QuestDbSchema.BALANCE);
    this.alerts = new Table(QuestDbSchema.ALERTS);
    this.tables = new Table[] {raw, strides, windows, balance, alerts};
    try (TableMetadata metadata = engine.getTableMetadata(raw.token())) {
      this.cellColumns = countCellColumns(metadata);
    }
  }

  /** Applies any WAL transactions committed before a crash but not yet applied to their tables. */
  void applyPending() {
    applyAndRefresh();
  }

  /** Applies committed WAL to the tables, refreshes the 1 s view from them, and applies the view's WAL. */
  private void applyAndRefresh() {
    applyJob.drain(0);
    refreshJob.drain(0);
    applyJob.drain(0);
    lastRefreshNanos = System.nanoTime();
    lastApplyNanos = lastRefreshNanos;
  }

  /** Applies committed WAL; refreshes the 1 s view only once per {@link #VIEW_REFRESH_INTERVAL_NANOS}. */
  private void applyAndRefreshWhenDue() {
    if (System.nanoTime() - lastRefreshNanos >= VIEW_REFRESH_INTERVAL_NANOS) {
      applyAndRefresh();
    } else {
      applyJob.drain(0);
      lastApplyNanos = System.nanoTime();
    }
    requireNotSuspended();
  }

  @Override
  public boolean publishesOnCommit() {
    return false;
  }

  @Override
  public void publish() {
    applyAndRefreshWhenDue();
  }

  private void requireNotSuspended() {
    for (Table t : tables) {
      if (engine.getTableSequencerAPI().isSuspended(t.token())) {
        throw new IllegalStateException("QuestDB suspended table " + t.name + " after a failed WAL apply");
      }
    }
  }

  @Override
  public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) throws SqlException {
    // A suspended table would keep every further commit in its WAL: fail, so the journal keeps the frames.
    requireNotSuspended();
    ensureCellColumns(group);
    try {
      for (StoreWrite write : group) {
        if (write instanceof StoreWrite.Raw r) {
          r.batches().forEach(this::appendRaw);
        } else if (write instanceof StoreWrite.Strides s) {
          s.rows().forEach(this::appendStride);
        } else if (write instanceof StoreWrite.Windows w) {
          w.rows().forEach(this::appendWindow);
        } else if (write instanceof StoreWrite.Balance b) {
          b.rows().forEach(this::appendBalance);
        } else if (write instanceof StoreWrite.Alerts a) {
          a.events().forEach(this::appendAlert);
        }
      }
      for (Table t : tables) {
        t.commitIfDirty();
      }
    } catch (RuntimeException e) {
      // Drop the writers too: after a failure (disk full, I/O error) a fresh WAL segment is the safe start.
      for (Table t : tables) {
        t.rollback();
        t.release();
      }
      throw e;
    }
    if (System.nanoTime() - lastApplyNanos >= APPLY_INTERVAL_NANOS) {
      applyAndRefreshWhenDue();
    }
    // Deletes WAL segments already applied; QuestDB's server runs this job on its own thread. The job
    // keeps its own interval (cairo.wal.purge.interval, 30 s by default), so most calls return at once.
    purgeJob.run(0);
  }

  @Override
  public void close() {
    applyAndRefresh();
    for (Table t : tables) {
      t.release();
    }
    purgeJob.close();
    refreshJob.close();
    applyJob.close();
  }

  private void appendRaw(RawSampleBatch b) {
    WalWriter w = raw.writer();
    int tenant = raw.column("tenant");
    int wearer = raw.column("wearer");
    int device = raw.column("device");
    int side = raw.column("side");
    int quality = raw.column("time_quality");
    int cellCount = raw.column("cells");
    int[] cellColumn = raw.cellColumns;
    long[] times = b.sampleTimesUtcUs();
    int[] values = b.cellValues();
    int cells = b.cellCount();
    String sideLabel = b.side().name();
    String qualityLabel = b.timeQuality().label();
    for (int s = 0, v = 0; s < times.length; s++) {
      TableWriter.Row row = w.newRow(times[s]);
      row.putSym(tenant, b.tenant());
      row.putSym(wearer, b.wearer());
      row.putSym(device, b.device());
      row.putSym(side, sideLabel);
      row.putSym(quality, qualityLabel);
      row.putShort(cellCount, (short) cells);
      for (int c = 0; c < cells; c++, v++) {
        row.putInt(cellColumn[c], values[v]);
      }
      row.append();
    }
    raw.dirty = true;
  }

  private void appendStride(StrideRow s) {
    TableWriter.Row row = strides.writer().newRow(s.initialContactUtcUs());
    row.putSym(strides.column("tenant"), s.tenant());
    row.putSym(strides.column("wearer"), s.wearer());
    row.putSym(strides.column("device"), s.device());
    row.putSym(strides.column("side"), s.side().name());
    row.putTimestamp(strides.column("toe_off"), s.toeOffUtcUs());
    row.putTimestamp(strides.column("next_initial_contact"), s.nextInitialContactUtcUs());
    StrideMetrics m = s.metrics();
    for (StrideMetric metric : METRICS) {
      row.putDouble(strides.column(metric.column()), m.get(metric));
    }
    row.append();
    strides.dirty = true;
  }

  private void appendWindow(WindowSummaryRow r) {
    TableWriter.Row row = windows.writer().newRow(r.startUtcUs());
    row.putSym(windows.column("tenant"), r.tenant());
    row.putSym(windows.column("wearer"), r.wearer());
    row.putSym(windows.column("kind"), r.kind().label());
    row.putTimestamp(windows.column("window_end"), r.endUtcUs());
    row.putInt(windows.column("steps"), r.steps());
    row.putDouble(windows.column("cadence_steps_per_min"), r.cadenceStepsPerMin());
    row.putDouble(windows.column("load_share_left"), r.loadShareLeft());
    row.putDouble(windows.column("load_share_right"), r.loadShareRight());
    row.putDouble(windows.column("symmetry_index_stride_time_pct"), r.symmetryIndexStrideTimePct());
    row.putDouble(windows.column("symmetry_index_stance_time_pct"), r.symmetryIndexStanceTimePct());
    row.putDouble(windows.column("symmetry_index_peak_force_pct"), r.symmetryIndexPeakForcePct());
    row.putDouble(windows.column("stride_time_cv_pct"), r.strideTimeCvPct());
    row.append();
    windows.dirty = true;
  }

  private void appendBalance(BalanceRow r) {
    TableWriter.Row row = balance.writer().newRow(r.startUtcUs());
    row.putSym(balance.column("tenant"), r.tenant());
    row.putSym(balance.column("wearer"), r.wearer());
    row.putTimestamp(balance.column("window_end"), r.endUtcUs());
    row.putDouble(balance.column("cop_path_length_mm"), r.copPathLengthMm());
    row.putDouble(balance.column("sway_area_mm2"), r.swayAreaMm2());
    row.putDouble(balance.column("cop_ml_range_mm"), r.copMlRangeMm());
    row.putDouble(balance.column("cop_ap_range_mm"), r.copApRangeMm());
    row.putDouble(balance.column("cop_mean_velocity_mm_per_s"), r.copMeanVelocityMmPerS());
    row.putDouble(balance.column("load_share_left"), r.loadShareLeft());
    row.append();
    balance.dirty = true;
  }

  private void appendAlert(AlertEvent e) {
    TableWriter.Row row = alerts.writer().newRow(e.timeUtcUs());
    row.putSym(alerts.column("tenant"), e.tenant());
    row.putSym(alerts.column("wearer"), e.wearer());
    row.putSym(alerts.column("type"), e.type());
    e.device().ifPresent(d -> row.putSym(alerts.column("device"), d));
    row.putSym(alerts.column("severity"), e.severity().label());
    row.putDouble(alerts.column("value"), e.value());
    row.putDouble(alerts.column("threshold"), e.threshold());
    row.putStr(alerts.column("message"), e.message());
    row.append();
    alerts.dirty = true;
  }

  /** Adds cell columns before any row of the group is written: a WAL writer must not change shape mid-batch. */
  private void ensureCellColumns(List<StoreWrite> group) throws SqlException {
    int needed = 0;
    for (StoreWrite write : group) {
      if (write instanceof StoreWrite.Raw r) {
        for (RawSampleBatch b : r.batches()) {
          needed = Math.max(needed, b.cellCount());
        }
      }
    }
    if (needed <= cellColumns) {
      return;
    }
    raw.release();
    for (int c = cellColumns; c < needed; c++) {
      engine.execute(QuestDbSchema.addCellColumn(c), ddlContext);
    }
    applyJob.drain(0);
    cellColumns = needed;
  }

  private static int countCellColumns(RecordMetadata metadata) {
    int n = 0;
    while (metadata.getColumnIndexQuiet(QuestDbSchema.cellColumn(n)) >= 0) {
      n++;
    }
    return n;
  }

  /** One table's WAL writer and its column indexes, opened on first use. */
  private final class Table {
    private final String name;
    private final Map<String, Integer> columns = new HashMap<>();
    private int[] cellColumns = new int[0];
    private WalWriter writer;
    private boolean dirty;

    Table(String name) {
      this.name = name;
    }

    TableToken token() {
      return engine.verifyTableName(name);
    }

    WalWriter writer() {
      if (writer == null) {
        writer = engine.getWalWriter(token());
        columns.clear();
        TableRecordMetadata md = writer.getMetadata();
        for (int i = 0; i < md.getColumnCount(); i++) {
          columns.put(md.getColumnName(i), i);
        }
        cellColumns = new int[countCellColumns(md)];
        for (int c = 0; c < cellColumns.length; c++) {
          cellColumns[c] = columns.get(QuestDbSchema.cellColumn(c));
        }
      }
      return writer;
    }

    int column(String column) {
      Integer index = columns.get(column);
      if (index == null) {
        throw new IllegalStateException("QuestDB table " + name + " has no column " + column);
      }
      return index;
    }

    void commitIfDirty() {
      if (dirty) {
        writer.commit();
        dirty = false;
      }
    }

    void rollback() {
      try {
        if (writer != null && dirty) {
          writer.rollback();
        }
      } finally {
        dirty = false;
      }
    }

    void release() {
      if (writer != null) {
        writer.close();
        writer = null;
      }
    }
  }
}
