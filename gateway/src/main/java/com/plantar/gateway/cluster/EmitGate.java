package com.plantar.gateway.cluster;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import java.util.concurrent.CompletionStage;

/**
 * Passes results on only while open. A new partition owner replays the records just below the
 * committed offset with the gate closed: their results were stored by the previous owner before it
 * committed, and the replay only rebuilds gait state. Owned by the partition owner's thread.
 */
final class EmitGate implements GaitOutput {
  private final GaitOutput output;
  private boolean open = true;

  EmitGate(GaitOutput output) {
    this.output = output;
  }

  void open(boolean value) {
    open = value;
  }

  @Override
  public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
      TimeQuality quality) {
    if (open) {
      output.onSamples(wearer, deviceId, foot, utcUs, counts, cells, quality);
    }
  }

  @Override
  public void onStride(WearerRef wearer, Stride stride) {
    if (open) {
      output.onStride(wearer, stride);
    }
  }

  @Override
  public void onWindow(WearerRef wearer, GaitSummary window) {
    if (open) {
      output.onWindow(wearer, window);
    }
  }

  @Override
  public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
    if (open) {
      output.onWalkingBout(wearer, bout);
    }
  }

  @Override
  public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
    if (open) {
      output.onStandingBalance(wearer, balance);
    }
  }

  @Override
  public void onAlert(WearerRef wearer, Alert alert) {
    if (open) {
      output.onAlert(wearer, alert);
    }
  }

  @Override
  public CompletionStage<Void> flush() {
    return output.flush();
  }
}
