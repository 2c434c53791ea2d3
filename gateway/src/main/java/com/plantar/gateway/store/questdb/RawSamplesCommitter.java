package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.SymbolTable;
import io.questdb.cairo.wal.WalWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes raw samples into the {@code raw_frames} WAL table, one row per frame ({@link
 * RawFrameBlob}). After each group the WAL writer commits (fsync: the engine runs with commit mode
 * SYNC), which is what a completed write promises: the rows survive a crash or power loss, and a
 * WAL left unapplied is applied at the next open. Applying the WAL to the table is {@link
 * #publish}: the store writer calls it when its queue goes idle or a read waits, and {@link
 * #commit} itself at most every {@link WalApply#APPLY_INTERVAL_NANOS} under a steady stream, so
 * that one apply covers many WAL commits. The per-second means ({@code raw_seconds}, {@link
 * SecondMeans}) of the seconds written since are computed at most every {@link
 * #SECOND_MEANS_INTERVAL_NANOS} after an apply, at open (seconds a crash left pending) and at close.
 *
 * <p>Threads: created on the opening thread, then used only on the store's raw-sample writer thread.
 */
final class RawSamplesCommitter implements StoreWriter.Committer, AutoCloseable {
  /**
   * How stale the per-second means may get. Each computation reads back the rows of the seconds
   * written since the last one and commits and applies a second table, so its cost falls with the
   * interval; the materialized view it replaced was measured the same way (QuestDbIngestBenchmark.port,
   * 2 cores): refreshing it every second held the port to 40–150 k samples/s, every 10 s gave 240–310 k.
   */
  static final long SECOND_MEANS_INTERVAL_NANOS = 10_000_000_000L;
  /** The file of {@link PendingSeconds}, in the raw samples' data directory. */
  static final String PENDING_SECONDS_FILE = "raw_seconds.pending";

  private final WalTable raw;
  private final WalTable seconds;
  private final WalApply wal;
  private final PendingSeconds pending;
  private final SecondMeans means;
  private final RawFrameBlob blob = new RawFrameBlob();
  private long lastMeansNanos;

  RawSamplesCommitter(CairoEngine engine, Path dataDirectory) {
    this.raw = new WalTable(engine, QuestDbSchema.RAW);
    this.seconds = new WalTable(engine, QuestDbSchema.SECONDS);
    this.wal = new WalApply(engine, raw, seconds);
    this.pending = new PendingSeconds(dataDirectory.resolve(PENDING_SECONDS_FILE));
    this.means = new SecondMeans(engine, seconds);
  }

  /**
   * Applies any WAL transactions committed before a crash but not yet applied to their tables, and
   * computes the means of the seconds a crash left pending.
   */
  void applyPending() {
    applyAndComputeMeans();
  }

  /** Applies committed WAL, computes the pending seconds' means, applies them, and forgets the seconds. */
  private void applyAndComputeMeans() {
    wal.apply();
    if (!pending.isEmpty()) {
      means.compute(pending);
      wal.apply();
      pending.clear();
    }
    lastMeansNanos = System.nanoTime();
  }

  /** Applies committed WAL; computes means only once per {@link #SECOND_MEANS_INTERVAL_NANOS}. */
  private void applyAndComputeMeansWhenDue() {
    if (System.nanoTime() - lastMeansNanos >= SECOND_MEANS_INTERVAL_NANOS) {
      applyAndComputeMeans();
    } else {
      wal.apply();
    }
    wal.requireNotSuspended();
  }

  @Override
  public boolean publishesOnCommit() {
    return false;
  }

  @Override
  public void publish() {
    applyAndComputeMeansWhenDue();
  }

  @Override
  public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) {
    wal.requireNotSuspended();
    try {
      for (StoreWrite write : group) {
        if (write instanceof StoreWrite.Raw r) {
          r.batches().forEach(this::appendRaw);
        } else {
          throw new IllegalArgumentException("the raw-sample writer got " + write.describe());
        }
      }
      pending.persist();
      raw.commitIfDirty();
    } catch (RuntimeException e) {
      raw.discard();
      throw e;
    }
    if (wal.due()) {
      applyAndComputeMeansWhenDue();
    }
    wal.purge();
  }

  @Override
  public void close() {
    try {
      applyAndComputeMeans();
    } finally {
      raw.release();
      seconds.release();
      wal.close();
      pending.close();
      means.close();
    }
  }

  /**
   * One device's frame(s), as rows of {@link RawFrameBlob}: the symbols are the same on every row, so
   * each is looked up once for the batch (a key the table already has is written as that key on every
   * row), not once per row.
   */
  private void appendRaw(RawSampleBatch b) {
    WalWriter w = raw.writer();
    int tenant = raw.column("tenant");
    int wearer = raw.column("wearer");
    int device = raw.column("device");
    int side = raw.column("side");
    int quality = raw.column("time_quality");
    int sampleCount = raw.column("samples");
    int cellCount = raw.column("cells");
    int data = raw.column("data");
    String sideLabel = b.side().name();
    String qualityLabel = b.timeQuality().label();
    int tenantKey = existingKey(w, tenant, b.tenant());
    int wearerKey = existingKey(w, wearer, b.wearer());
    int deviceKey = existingKey(w, device, b.device());
    int sideKey = existingKey(w, side, sideLabel);
    int qualityKey = existingKey(w, quality, qualityLabel);
    int cells = b.cellCount();
    for (int from = 0, to; from < b.sampleCount(); from = to) {
      to = RawFrameBlob.rowEnd(b, from);
      long first = b.sampleTimesUtcUs()[from];
      TableWriter.Row row = w.newRow(first);
      putSymbol(row, tenant, tenantKey, b.tenant());
      putSymbol(row, wearer, wearerKey, b.wearer());
      putSymbol(row, device, deviceKey, b.device());
      putSymbol(row, side, sideKey, sideLabel);
      putSymbol(row, quality, qualityKey, qualityLabel);
      row.putShort(sampleCount, (short) (to - from));
      row.putShort(cellCount, (short) cells);
      blob.encode(b, from, to);
      row.putBin(data, blob);
      row.append();
      pending.add(RawFrameBlob.secondOf(first));
    }
    raw.markDirty();
  }

  /**
   * The key of {@code value} in the table's applied symbol table (what {@code putSym} would write for
   * it), or a negative number when the table does not have it yet: a symbol new in this WAL segment
   * gets its key from the writer's own map, so {@code putSym} must add it.
   */
  private static int existingKey(WalWriter w, int column, String value) {
    int key = w.getSymbolMapReader(column).keyOf(value);
    return key >= 0 ? key : SymbolTable.VALUE_NOT_FOUND;
  }

  private static void putSymbol(TableWriter.Row row, int column, int key, String value) {
    if (key >= 0) {
      row.putSymIndex(column, key);
    } else {
      row.putSym(column, value);
    }
  }
}
