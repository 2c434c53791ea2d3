package com.plantar.gateway.processing;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.timing.TimeQuality;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Combinations of {@link GaitOutput}s. */
public final class GaitOutputs {
  private GaitOutputs() {}

  /** Hands everything to each output in turn; flushes when all of them have. */
  public static GaitOutput tee(GaitOutput... outputs) {
    // Loops over an array: called for every frame, so no iterator or lambda object per call.
    GaitOutput[] all = outputs.clone();
    return new GaitOutput() {
      @Override
      public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
          TimeQuality quality) {
        for (GaitOutput o : all) {
          o.onSamples(wearer, deviceId, foot, utcUs, counts, cells, quality);
        }
      }

      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        for (GaitOutput o : all) {
          o.onStride(wearer, stride);
        }
      }

      @Override
      public void onWindow(WearerRef wearer, GaitSummary window) {
        for (GaitOutput o : all) {
          o.onWindow(wearer, window);
        }
      }

      @Override
      public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
        for (GaitOutput o : all) {
          o.onWalkingBout(wearer, bout);
        }
      }

      @Override
      public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
        for (GaitOutput o : all) {
          o.onStandingBalance(wearer, balance);
        }
      }

      @Override
      public void onAlert(WearerRef wearer, Alert alert) {
        for (GaitOutput o : all) {
          o.onAlert(wearer, alert);
        }
      }

      @Override
      public CompletionStage<Void> flush() {
        return CompletableFuture.allOf(java.util.Arrays.stream(all).map(o -> o.flush().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
      }
    };
  }
}
