package com.plantar.gateway.server;

import com.plantar.gait.GaitSummary;
import com.plantar.gait.Stride;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WearerRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest rolling-window summary of each wearer and the stride count, for the console of
 * {@code plantar demo} and for operators, until the store and the API serve them. Written by the
 * processing shards, read from any thread.
 */
public final class LatestGait implements GaitOutput {
  /** How long a wearer's window stays on show after its last update. */
  private static final long FRESH_NANOS = 30_000_000_000L;

  private record Shown(GaitSummary window, long updatedNanos) {}

  private final Map<WearerRef, Shown> windows = new ConcurrentHashMap<>();
  private final LongAdder strides = new LongAdder();
  private final LongAdder samples = new LongAdder();

  @Override
  public void onSamples(WearerRef wearer, long deviceId, com.plantar.gait.FootSide foot, long[] utcUs,
      int[] counts, int cells, com.plantar.gateway.timing.TimeQuality quality) {
    samples.add(utcUs.length);
  }

  @Override
  public void onStride(WearerRef wearer, Stride stride) {
    strides.increment();
  }

  @Override
  public void onWindow(WearerRef wearer, GaitSummary window) {
    windows.put(wearer, new Shown(window, System.nanoTime()));
  }

  /** Each wearer's latest window, for wearers updated in the last 30 s. */
  public Map<WearerRef, GaitSummary> windows() {
    long now = System.nanoTime();
    Map<WearerRef, GaitSummary> fresh = new java.util.HashMap<>();
    windows.forEach((wearer, shown) -> {
      if (now - shown.updatedNanos() < FRESH_NANOS) {
        fresh.put(wearer, shown.window());
      }
    });
    return fresh;
  }

  public long strides() {
    return strides.sum();
  }

  public long samples() {
    return samples.sum();
  }
}
