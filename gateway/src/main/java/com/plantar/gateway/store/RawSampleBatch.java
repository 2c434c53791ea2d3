package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;

/**
 * Raw pressure samples of one device, column-wise: {@code sampleTimesUtcUs[i]} is the time of sample
 * {@code i}, and its cells are {@code cellValues[i * cellCount .. (i + 1) * cellCount)} (raw ADC
 * counts, 0..65535, in the HELLO {@code pressure.sensors} order). One DATA frame is typically 25
 * samples × 16 cells.
 *
 * <p>This is the hot path, so the arrays are taken as they are, not copied: the caller hands them
 * over and must not change them until the write's stage completes.
 */
public record RawSampleBatch(String tenant, String wearer, String device, Side side,
    long[] sampleTimesUtcUs, int[] cellValues, int cellCount, TimeQuality timeQuality) {
  public static final int MAX_CELLS = 64;

  public RawSampleBatch {
    SeriesIds.require("tenant", tenant);
    SeriesIds.require("wearer", wearer);
    SeriesIds.require("device", device);
    SeriesIds.nonNull("side", side);
    SeriesIds.nonNull("time quality", timeQuality);
    SeriesIds.nonNull("sample times", sampleTimesUtcUs);
    SeriesIds.nonNull("cell values", cellValues);
    if (cellCount < 1 || cellCount > MAX_CELLS) {
      throw new IllegalArgumentException("cell count must be 1.." + MAX_CELLS + ": " + cellCount);
    }
    if ((long) sampleTimesUtcUs.length * cellCount != cellValues.length) {
      throw new IllegalArgumentException("cell values: expected " + sampleTimesUtcUs.length + " samples × "
          + cellCount + " cells, got " + cellValues.length + " values");
    }
  }

  public int sampleCount() {
    return sampleTimesUtcUs.length;
  }

  /** Cell {@code cell} of sample {@code sample}. */
  public int cell(int sample, int cell) {
    return cellValues[sample * cellCount + cell];
  }
}
