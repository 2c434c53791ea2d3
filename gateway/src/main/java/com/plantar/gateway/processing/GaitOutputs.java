package com.plantar.gateway.processing;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.timing.TimeQuality;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Combinations of {@link GaitOutput}s. */
public final class GaitOutputs {
  private GaitOutputs() {}

  /** Hands everything to each output in turn; flushes when all of them have. */
  public static GaitOutput tee(GaitOutput... outputs) {
    List<GaitOutput> all = List.of(outputs);
    return new GaitOutput() {
      @Override
      public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
          TimeQuality quality) {
        all.forEach(o -> o.onSamples(wearer, deviceId, foot, utcUs, counts, cells, quality));
      }

      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        all.forEach(o -> o.onStride(wearer, stride));
      }

      @Override
      public void onWindow(WearerRef wearer, GaitSummary window) {
        all.forEach(o -> o.onWindow(wearer, window));
      }

      @Override
      public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
        all.forEach(o -> o.onWalkingBout(wearer, bout));
      }

      @Override
      public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
        all.forEach(o -> o.onStandingBalance(wearer, balance));
      }

      @Override
      public void onAlert(WearerRef wearer, Alert alert) {
        all.forEach(o -> o.onAlert(wearer, alert));
      }

      @Override
      public CompletionStage<Void> flush() {
        return CompletableFuture.allOf(all.stream().map(o -> o.flush().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
      }
    };
  }
}
