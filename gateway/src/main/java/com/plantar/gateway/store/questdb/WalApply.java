package com.plantar.gateway.store.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.WalPurgeJob;

/**
 * Applies an engine's committed WAL transactions to its tables (a second fsync'd commit, with dedup)
 * and deletes the WAL segments already applied. Each store writer has its own engine, so this applies
 * only that writer's tables: applying the gait results never waits for the raw samples' out-of-order
 * merges.
 *
 * <p>Threads: used only on the writer thread of the committer that owns it.
 */
final class WalApply implements AutoCloseable {
  /**
   * How often a never-idle writer applies its WAL. Measured with QuestDbIngestBenchmark (2 cores,
   * ~4 000-row commits): applying after every commit spent more time in the apply's fsyncs than in
   * the WAL commit's and held the port to 0.28 of a raw TableWriter; see STORAGE.md "Speed".
   */
  static final long APPLY_INTERVAL_NANOS = 1_000_000_000L;

  private final ApplyWal2TableJob applyJob;
  private final WalPurgeJob purgeJob;
  private final WalTable[] tables;
  private long lastApplyNanos;

  WalApply(CairoEngine engine, WalTable... tables) {
    this.applyJob = new ApplyWal2TableJob(engine, 0);
    this.purgeJob = new WalPurgeJob(engine);
    this.tables = tables;
  }

  /** Applies everything committed so far. */
  void apply() {
    applyJob.drain(0);
    lastApplyNanos = System.nanoTime();
  }

  /** Whether a writer that has not been idle should apply now. */
  boolean due() {
    return System.nanoTime() - lastApplyNanos >= APPLY_INTERVAL_NANOS;
  }

  /**
   * A suspended table would keep every further commit in its WAL: the writer fails instead, so the
   * journal keeps the frames.
   */
  void requireNotSuspended() {
    for (WalTable t : tables) {
      if (t.isSuspended()) {
        throw new IllegalStateException("QuestDB suspended table " + t.name() + " after a failed WAL apply");
      }
    }
  }

  /**
   * Deletes WAL segments already applied; QuestDB's server runs this job on its own thread. The job
   * keeps its own interval (cairo.wal.purge.interval, 30 s by default), so most calls return at once.
   */
  void purge() {
    purgeJob.run(0);
  }

  @Override
  public void close() {
    purgeJob.close();
    applyJob.close();
  }
}
