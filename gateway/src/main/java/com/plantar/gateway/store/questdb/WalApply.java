package com.plantar.gateway.store.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.WalPurgeJob;
import io.questdb.griffin.SqlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  /**
   * How often a suspended table is resumed. The writer retries its commits about once a second; a
   * cause that is still there (the disk still full) only suspends the table again, so once per a few
   * of those retries is enough and keeps the log readable.
   */
  static final long RESUME_INTERVAL_NANOS = 5_000_000_000L;
  private static final Logger log = LoggerFactory.getLogger(WalApply.class);

  private final CairoEngine engine;
  private final ApplyWal2TableJob applyJob;
  private final WalPurgeJob purgeJob;
  private final WalTable[] tables;
  private long lastApplyNanos;
  private long lastResumeNanos = System.nanoTime() - RESUME_INTERVAL_NANOS;

  WalApply(CairoEngine engine, WalTable... tables) {
    this.engine = engine;
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
   * A suspended table would keep every further commit in its WAL, unapplied: the writer fails
   * instead, so the journal keeps the frames. QuestDB suspends a table when applying to it fails, a
   * full disk for one, and nothing resumes it by itself: so at most every
   * {@link #RESUME_INTERVAL_NANOS} it is resumed from the failed transaction and applied again.
   * When the cause is gone the table catches up and the writer goes on; when not, QuestDB suspends
   * it again and the writer fails as before.
   */
  void requireNotSuspended() {
    for (WalTable t : tables) {
      if (t.isSuspended() && !resumed(t)) {
        throw new IllegalStateException("QuestDB suspended table " + t.name() + " after a failed WAL apply");
      }
    }
  }

  private boolean resumed(WalTable table) {
    long now = System.nanoTime();
    if (now - lastResumeNanos < RESUME_INTERVAL_NANOS) {
      return false;
    }
    lastResumeNanos = now;
    try {
      engine.execute("ALTER TABLE " + table.name() + " RESUME WAL", QuestDbStore.ddlContext(engine));
    } catch (SqlException e) {
      throw new IllegalStateException("QuestDB cannot resume table " + table.name() + ": " + e.getMessage(), e);
    }
    apply();
    boolean resumed = !table.isSuspended();
    if (resumed) {
      log.info("QuestDB table {} resumed after a failed WAL apply; its pending transactions are applied", table.name());
    }
    return resumed;
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
