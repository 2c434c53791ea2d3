package com.plantar.gateway.store.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import io.questdb.std.LongList;
import io.questdb.std.MemoryTag;
import io.questdb.std.Unsafe;
import java.util.Arrays;

/**
 * Computes the {@code raw_seconds} rows of the {@link PendingSeconds} from the raw rows of those
 * seconds, read back from {@code raw_frames} after its WAL is applied: each device-second's row is
 * recomputed whole, from every raw row of that second, so a second written in several commits, or
 * written again by a replay (DEDUP in {@code raw_frames}), still gets exact means. The caller commits
 * nothing else in between, applies the WAL, then clears the pending seconds.
 *
 * <p>Threads: used only on the raw-sample writer thread.
 */
final class SecondMeans implements AutoCloseable {
  private static final long SECOND_US = 1_000_000L;
  /** Seconds read by one query: bounds the sort of a long backlog's rows. */
  private static final int SECONDS_PER_QUERY = 60;
  private static final int CELLS = QuestDbSchema.SECOND_MEAN_CELLS;
  private static final String SQL = "SELECT ts, tenant, wearer, device, side, samples, cells, data FROM "
      + QuestDbSchema.RAW + " WHERE ts >= $1 AND ts < $2 ORDER BY tenant, device, ts";

  private final CairoEngine engine;
  private final WalTable table;
  private final LongList sorted = new LongList();
  private final long[] sums = new long[CELLS];
  private final long[] counts = new long[CELLS];
  private final int[] meanColumns = new int[CELLS];
  private int tenantColumn;
  private int wearerColumn;
  private int deviceColumn;
  private int sideColumn;
  private int samplesColumn;
  private String tenant;
  private String wearer;
  private String device;
  private String side;
  private int tenantKey;
  private int deviceKey;
  private long second = Long.MIN_VALUE;
  private int samples;
  private long scratch;
  private long scratchBytes;

  SecondMeans(CairoEngine engine, WalTable table) {
    this.engine = engine;
    this.table = table;
  }

  /**
   * Writes and commits the rows of every pending second (the raw table's WAL must be applied). On a
   * failure nothing of this call is committed; the seconds stay pending.
   */
  void compute(PendingSeconds pending) {
    pending.sortedInto(sorted);
    try {
      table.writer();
      tenantColumn = table.column("tenant");
      wearerColumn = table.column("wearer");
      deviceColumn = table.column("device");
      sideColumn = table.column("side");
      samplesColumn = table.column("samples");
      for (int c = 0; c < CELLS; c++) {
        meanColumns[c] = table.column(QuestDbSchema.secondMeanColumn(c));
      }
      int i = 0;
      while (i < sorted.size()) {
        long from = sorted.getQuick(i);
        int end = i + 1;
        while (end < sorted.size() && end - i < SECONDS_PER_QUERY
            && sorted.getQuick(end) == sorted.getQuick(end - 1) + 1) {
          end++;
        }
        computeRange(from * SECOND_US, (sorted.getQuick(end - 1) + 1) * SECOND_US);
        i = end;
      }
      table.commitIfDirty();
    } catch (RuntimeException e) {
      resetSum();
      table.discard();
      throw e;
    }
  }

  private void computeRange(long fromUs, long toUs) {
    BindVariableService binds = new BindVariableServiceImpl(engine.getConfiguration());
    try (SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1)
        .with(AllowAllSecurityContext.INSTANCE, binds)) {
      binds.setTimestamp(0, fromUs);
      binds.setTimestamp(1, toUs);
      try (RecordCursorFactory factory = engine.select(SQL, ctx); RecordCursor cursor = factory.getCursor(ctx)) {
        Record r = cursor.getRecord();
        while (cursor.hasNext()) {
          add(r);
        }
      }
    } catch (SqlException e) {
      throw new IllegalStateException("cannot read raw_frames for raw_seconds: " + e.getMessage(), e);
    }
    emit();
  }

  /** Adds one raw row (columns in {@link #SQL}'s order) to the device-second it belongs to. */
  private void add(Record r) {
    long ts = r.getTimestamp(0);
    long rowSecond = RawFrameBlob.secondOf(ts);
    // A symbol column's int is its key in the table: compared as such, the names are read once per key.
    int rowTenant = r.getInt(1);
    int rowDevice = r.getInt(3);
    if (rowSecond != second || rowDevice != deviceKey || rowTenant != tenantKey) {
      emit();
      second = rowSecond;
      tenantKey = rowTenant;
      deviceKey = rowDevice;
      tenant = r.getSymA(1).toString();
      device = r.getSymA(3).toString();
      wearer = r.getSymA(2).toString();
      side = r.getSymA(4).toString();
    }
    int rowSamples = r.getShort(5);
    int cells = r.getShort(6);
    long address = scratch(2L * rowSamples * cells);
    RawFrameBlob.copyCells(r.getBin(7), ts, rowSamples, cells, device, address);
    addCells(address, rowSamples, cells, sums, counts);
    samples += rowSamples;
  }

  /**
   * Adds the first {@link #CELLS} cells of {@code rows} samples of {@code cells} uint16 counts at
   * {@code address} to {@code sums}, and the samples to {@code counts}. Its own method, without
   * branches on the data, so that it stays compiled while {@link #add}, which runs in bursts every few
   * seconds, is deoptimised and recompiled around it (seen with JFR: three recompilations of 0.5–0.9 s
   * each in a minute, interpreted meanwhile).
   */
  private static void addCells(long address, int rows, int cells, long[] sums, long[] counts) {
    int summed = Math.min(cells, CELLS);
    long stride = 2L * cells;
    for (int c = 0; c < summed; c++) {
      long sum = 0;
      long at = address + 2L * c;
      for (int s = 0; s < rows; s++, at += stride) {
        sum += Unsafe.getUnsafe().getShort(at) & 0xFFFF;
      }
      sums[c] += sum;
      counts[c] += rows;
    }
  }

  /**
   * Native scratch memory of at least {@code bytes}: the cells are copied out of the column in one go
   * and read as shorts (the data is little-endian, as is every platform QuestDB runs on), rather than
   * assembled byte by byte.
   */
  private long scratch(long bytes) {
    if (scratchBytes < bytes) {
      long size = Math.max(bytes, 2 * scratchBytes);
      scratch = scratchBytes == 0 ? Unsafe.malloc(size, MemoryTag.NATIVE_DEFAULT)
          : Unsafe.realloc(scratch, scratchBytes, size, MemoryTag.NATIVE_DEFAULT);
      scratchBytes = size;
    }
    return scratch;
  }

  @Override
  public void close() {
    if (scratchBytes > 0) {
      Unsafe.free(scratch, scratchBytes, MemoryTag.NATIVE_DEFAULT);
      scratchBytes = 0;
    }
  }

  /** Appends the row of the device-second summed so far, if any, and starts the next from zero. */
  private void emit() {
    if (samples > 0) {
      WalWriter w = table.writer();
      TableWriter.Row row = w.newRow(second * SECOND_US);
      row.putSym(tenantColumn, tenant);
      row.putSym(wearerColumn, wearer);
      row.putSym(deviceColumn, device);
      row.putSym(sideColumn, side);
      row.putInt(samplesColumn, samples);
      for (int c = 0; c < CELLS && counts[c] > 0; c++) {
        row.putFloat(meanColumns[c], (float) ((double) sums[c] / counts[c]));
      }
      row.append();
      table.markDirty();
    }
    resetSum();
  }

  private void resetSum() {
    Arrays.fill(sums, 0);
    Arrays.fill(counts, 0);
    samples = 0;
    second = Long.MIN_VALUE;
  }
}
