package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes strides, window and bout summaries, balance rows and alerts into their WAL tables, in an
 * engine of their own: a group is a few rows, its WAL commit (fsync) and apply take milliseconds, and
 * neither waits for the raw samples' commits and out-of-order merges, so a stride is readable about as
 * soon as the gait engine produced it. Durability and visibility as in {@link RawSamplesCommitter}:
 * committed (fsync'd WAL) when the write completes, applied when the queue goes idle, a read waits, or
 * at most every {@link WalApply#APPLY_INTERVAL_NANOS} under a steady stream.
 *
 * <p>Threads: created on the opening thread, then used only on the store's results writer thread.
 */
final class GaitResultsCommitter implements StoreWriter.Committer, AutoCloseable {
  private static final StrideMetric[] METRICS = StrideMetric.values();

  private final WalTable strides;
  private final WalTable windows;
  private final WalTable balance;
  private final WalTable alerts;
  private final WalTable[] tables;
  private final WalApply wal;

  GaitResultsCommitter(CairoEngine engine) {
    this.strides = new WalTable(engine, QuestDbSchema.STRIDES);
    this.windows = new WalTable(engine, QuestDbSchema.WINDOWS);
    this.balance = new WalTable(engine, QuestDbSchema.BALANCE);
    this.alerts = new WalTable(engine, QuestDbSchema.ALERTS);
    this.tables = new WalTable[] {strides, windows, balance, alerts};
    this.wal = new WalApply(engine, tables);
  }

  /** Applies any WAL transactions committed before a crash but not yet applied to their tables. */
  void applyPending() {
    wal.apply();
  }

  @Override
  public boolean publishesOnCommit() {
    return false;
  }

  @Override
  public void publish() {
    wal.apply();
    wal.requireNotSuspended();
  }

  @Override
  public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) {
    wal.requireNotSuspended();
    try {
      for (StoreWrite write : group) {
        if (write instanceof StoreWrite.Strides s) {
          s.rows().forEach(this::appendStride);
        } else if (write instanceof StoreWrite.Windows w) {
          w.rows().forEach(this::appendWindow);
        } else if (write instanceof StoreWrite.Balance b) {
          b.rows().forEach(this::appendBalance);
        } else if (write instanceof StoreWrite.Alerts a) {
          a.events().forEach(this::appendAlert);
        } else {
          throw new IllegalArgumentException("the gait results writer got " + write.describe());
        }
      }
      for (WalTable t : tables) {
        t.commitIfDirty();
      }
    } catch (RuntimeException e) {
      for (WalTable t : tables) {
        t.discard();
      }
      throw e;
    }
    if (wal.due()) {
      publish();
    }
    wal.purge();
  }

  @Override
  public void close() {
    try {
      wal.apply();
    } finally {
      for (WalTable t : tables) {
        t.release();
      }
      wal.close();
    }
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
    strides.markDirty();
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
    windows.markDirty();
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
    balance.markDirty();
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
    alerts.markDirty();
  }
}
