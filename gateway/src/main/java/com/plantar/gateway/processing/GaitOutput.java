package com.plantar.gateway.processing;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.timing.TimeQuality;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where processing sends what it computes: the time-series store, and anything that shows live
 * results. Called on the processing shards' threads, concurrently: everything about one wearer comes
 * from that wearer's one shard, in order, so per-wearer state needs no lock, but an output shared by
 * the shards must be thread-safe. {@link #flush()} is called by the journal reader. Must be fast and
 * must not throw. Times are UTC µs.
 */
public interface GaitOutput {
  GaitOutput NONE = new GaitOutput() {};

  /**
   * The raw samples of one DATA frame of one insole: {@code utcUs[i]} is sample i's time and
   * {@code counts[i * cells + c]} its cell c as the insole sent it (raw ADC, HELLO order). The arrays
   * are new for each frame and handed over: the output may keep them.
   */
  default void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
      TimeQuality quality) {}

  default void onStride(WearerRef wearer, Stride stride) {}

  default void onWindow(WearerRef wearer, GaitSummary window) {}

  default void onWalkingBout(WearerRef wearer, GaitSummary bout) {}

  default void onStandingBalance(WearerRef wearer, StandingBalance balance) {}

  default void onAlert(WearerRef wearer, Alert alert) {}

  /** Completes when everything handed over so far is committed (the journal checkpoint waits for it). */
  default CompletionStage<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }
}
