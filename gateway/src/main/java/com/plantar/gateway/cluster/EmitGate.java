package com.plantar.gateway.cluster;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Passes results on only while open. A new partition owner replays the records just below the
 * committed offset with the gate closed: their results were stored by the previous owner before it
 * committed, and the replay only rebuilds gait state. Owned by the partition owner's thread.
 *
 * <p>The output learns which insole a stride belongs to from the samples it was given (the store
 * names a stride's device that way), and the engine completes a stride before the frame's samples
 * are passed on, or on the other foot's frame. So the last replayed samples of each foot are kept
 * and passed on once, just before the wearer's first result after the gate opened: without them the
 * first stride after a partition move was stored under the wearer's id instead of the insole's, a
 * second row beside the one the previous owner stored (found by {@code ProcessorKillFaultIT}). The
 * previous owner stored those samples already; their keys make the second write a no-op.
 */
final class EmitGate implements GaitOutput {
  private final GaitOutput output;
  private final Map<WearerRef, ReplayedSamples[]> lastReplayed = new HashMap<>();
  private boolean open = true;

  EmitGate(GaitOutput output) {
    this.output = output;
  }

  void open(boolean value) {
    open = value;
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
      TimeQuality quality) {
    if (open) {
      introduce(wearer);
      output.onSamples(wearer, deviceId, foot, utcUs, counts, cells, quality);
    } else {
      // Replay only (not the hot path): the arrays are the frame's own, never reused.
      lastReplayed.computeIfAbsent(wearer, w -> new ReplayedSamples[FootSide.values().length])[foot.ordinal()] =
          new ReplayedSamples(deviceId, foot, utcUs, counts, cells, quality);
    }
  }

  /** Before a wearer's first result after a replay: the feet's last replayed samples, once. */
  private void introduce(WearerRef wearer) {
    if (lastReplayed.isEmpty()) {
      return;
    }
    ReplayedSamples[] feet = lastReplayed.remove(wearer);
    if (feet != null) {
      for (ReplayedSamples s : feet) {
        if (s != null) {
          output.onSamples(wearer, s.deviceId, s.foot, s.utcUs, s.counts, s.cells, s.quality);
        }
      }
    }
  }

  @Override
  public void onStride(WearerRef wearer, Stride stride) {
    if (open) {
      introduce(wearer);
      output.onStride(wearer, stride);
    }
  }

  @Override
  public void onWindow(WearerRef wearer, GaitSummary window) {
    if (open) {
      introduce(wearer);
      output.onWindow(wearer, window);
    }
  }

  @Override
  public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
    if (open) {
      introduce(wearer);
      output.onWalkingBout(wearer, bout);
    }
  }

  @Override
  public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
    if (open) {
      introduce(wearer);
      output.onStandingBalance(wearer, balance);
    }
  }

  @Override
  public void onAlert(WearerRef wearer, Alert alert) {
    if (open) {
      introduce(wearer);
      output.onAlert(wearer, alert);
    }
  }

  @Override
  public CompletionStage<Void> flush() {
    return output.flush();
  }

  private record ReplayedSamples(long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
      TimeQuality quality) {}
}
