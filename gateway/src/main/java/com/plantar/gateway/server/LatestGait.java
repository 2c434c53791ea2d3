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
 * processor thread, read from any thread.
 */
public final class LatestGait implements GaitOutput {
  private final Map<WearerRef, GaitSummary> windows = new ConcurrentHashMap<>();
  private final LongAdder strides = new LongAdder();
  private final LongAdder samples = new LongAdder();

  @Override
  public void onSample(WearerRef wearer, long deviceId, com.plantar.gait.FootSide foot, long utcUs,
      com.plantar.gateway.timing.TimeQuality quality, float[] kpa, int cells) {
    samples.increment();
  }

  @Override
  public void onStride(WearerRef wearer, Stride stride) {
    strides.increment();
  }

  @Override
  public void onWindow(WearerRef wearer, GaitSummary window) {
    windows.put(wearer, window);
  }

  public Map<WearerRef, GaitSummary> windows() {
    return Map.copyOf(windows);
  }

  public long strides() {
    return strides.sum();
  }

  public long samples() {
    return samples.sum();
  }
}
