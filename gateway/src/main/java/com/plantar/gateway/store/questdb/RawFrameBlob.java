package com.plantar.gateway.store.questdb;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import io.questdb.std.BinarySequence;
import io.questdb.std.Unsafe;
import java.util.List;

/**
 * The samples of one {@code raw_frames} row as one BINARY value, little-endian: each sample's time as
 * microseconds after the row's {@code ts} (int32), then every sample's cells in order (uint16 raw
 * counts), so a row of {@code n} samples of {@code k} cells is {@code 4n + 2nk} bytes.
 *
 * <p>A row holds consecutive samples of one device batch (normally one DATA frame) that lie in the same
 * UTC second as its first sample, so that a second's means are those of whole rows ({@link
 * SecondMeans}; a 250 ms frame that straddles a second is two rows) and a read widens its time range by {@link #MAX_SPAN_US} to find every row that
 * may hold a sample in range.
 *
 * <p>Threads: one instance per writer thread (it is the encoder's reusable buffer); the static methods
 * are thread-safe.
 */
final class RawFrameBlob implements BinarySequence {
  /** How far a row's samples may lie from its first: they share its UTC second. */
  static final long MAX_SPAN_US = 1_000_000L;
  /** Most samples in one row (a 1 kHz device's second is ~34 KB of 16 cells). */
  static final int MAX_SAMPLES = 1024;

  private byte[] bytes = new byte[4096];
  private int length;

  /** The UTC second (epoch seconds) of a sample at {@code utcUs}, which every sample of its row shares. */
  static long secondOf(long utcUs) {
    return Math.floorDiv(utcUs, MAX_SPAN_US);
  }

  /** Where the row that starts at sample {@code from} of {@code b} ends (exclusive). */
  static int rowEnd(RawSampleBatch b, int from) {
    long[] times = b.sampleTimesUtcUs();
    long second = secondOf(times[from]);
    int end = from + 1;
    while (end < times.length && end - from < MAX_SAMPLES && secondOf(times[end]) == second) {
      end++;
    }
    return end;
  }

  /** Encodes samples {@code [from, to)} of {@code b}, replacing what this buffer held. */
  void encode(RawSampleBatch b, int from, int to) {
    int samples = to - from;
    int cells = b.cellCount();
    length = (int) length(samples, cells);
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, 2 * bytes.length)];
    }
    long[] times = b.sampleTimesUtcUs();
    int[] values = b.cellValues();
    int at = 0;
    for (int s = from; s < to; s++, at += 4) {
      int offset = (int) (times[s] - times[from]);
      bytes[at] = (byte) offset;
      bytes[at + 1] = (byte) (offset >>> 8);
      bytes[at + 2] = (byte) (offset >>> 16);
      bytes[at + 3] = (byte) (offset >>> 24);
    }
    for (int v = from * cells, end = to * cells; v < end; v++, at += 2) {
      int value = values[v];
      bytes[at] = (byte) value;
      bytes[at + 1] = (byte) (value >>> 8);
    }
  }

  /**
   * Adds to {@code out} the samples of a row whose time lies in {@code range}.
   *
   * @param ts the row's first sample time (its designated timestamp)
   */
  static void decode(BinarySequence blob, long ts, int samples, int cells, String wearer, String device, Side side,
      TimeQuality quality, TimeRange range, List<RawSample> out) {
    requireLength(blob, ts, samples, cells, device);
    int[] row = new int[cells];
    for (int s = 0; s < samples; s++) {
      int at = 4 * s;
      long time = ts + ((blob.byteAt(at) & 0xFF) | (blob.byteAt(at + 1) & 0xFF) << 8
          | (blob.byteAt(at + 2) & 0xFF) << 16 | blob.byteAt(at + 3) << 24);
      if (time < range.fromUtcUs() || time >= range.toUtcUs()) {
        continue;
      }
      long cellsAt = cellsOffset(samples) + 2L * s * cells;
      for (int c = 0; c < cells; c++) {
        long v = cellsAt + 2L * c;
        row[c] = (blob.byteAt(v) & 0xFF) | (blob.byteAt(v + 1) & 0xFF) << 8;
      }
      out.add(new RawSample(time, wearer, device, side, quality, row));
    }
  }

  /**
   * Copies the cell counts of a row (uint16, sample by sample, {@code samples × cells}) to native
   * memory at {@code address}, which has room for them.
   */
  static void copyCells(BinarySequence blob, long ts, int samples, int cells, String device, long address) {
    requireLength(blob, ts, samples, cells, device);
    blob.copyTo(address, cellsOffset(samples), length(samples, cells) - cellsOffset(samples));
  }

  /** Bytes of a row of {@code samples} samples of {@code cells} cells. */
  static long length(int samples, int cells) {
    return cellsOffset(samples) + 2L * samples * cells;
  }

  /** Where a row's cells start: after its samples' int32 time offsets. */
  private static long cellsOffset(int samples) {
    return 4L * samples;
  }

  private static void requireLength(BinarySequence blob, long ts, int samples, int cells, String device) {
    if (blob == null || blob.length() != length(samples, cells)) {
      throw new IllegalStateException("raw_frames row of " + device + " at " + ts + ": " + samples + " samples × "
          + cells + " cells do not match its " + (blob == null ? "missing" : blob.length() + "-byte") + " data");
    }
  }

  @Override
  public byte byteAt(long index) {
    return bytes[(int) index];
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void copyTo(long address, long start, long length) {
    Unsafe.getUnsafe().copyMemory(bytes, Unsafe.BYTE_OFFSET + start, null, address, length);
  }
}
