package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.FootSide;
import com.plantar.gait.Stride;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmitGateTest {
  private static final WearerRef ANN = new WearerRef("clinic", "ann");

  private final List<String> seen = new ArrayList<>();
  private final EmitGate gate = new EmitGate(new GaitOutput() {
    @Override
    public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
        TimeQuality quality) {
      seen.add("samples " + wearer.wearerId() + " " + deviceId + " " + foot + " @" + utcUs[0]);
    }

    @Override
    public void onStride(WearerRef wearer, Stride stride) {
      seen.add("stride " + wearer.wearerId() + " " + stride.foot() + " @" + stride.initialContactMicros());
    }
  });

  private void samples(WearerRef wearer, long device, FootSide foot, long at) {
    gate.onSamples(wearer, device, foot, new long[] {at}, new int[] {1}, 1, TimeQuality.ANCHORED);
  }

  private static Stride stride(FootSide foot, long initialContact) {
    return new Stride(foot, initialContact, initialContact + 600, initialContact + 1_000, null, null, null, false);
  }

  @Test
  void aClosedGatePassesNothingAndAnOpenOneEverything() {
    gate.open(false);
    gate.onStride(ANN, stride(FootSide.LEFT, 1));
    gate.open(true);
    samples(ANN, 0x10, FootSide.LEFT, 5);
    gate.onStride(ANN, stride(FootSide.LEFT, 2));

    assertThat(seen).containsExactly("samples ann 16 LEFT @5", "stride ann LEFT @2");
  }

  @Test
  void theFeetsLastReplayedSamplesComeOnceBeforeTheWearersFirstResultAfterTheReplay() {
    WearerRef bob = new WearerRef("clinic", "bob");
    gate.open(false);
    samples(ANN, 0x10, FootSide.LEFT, 1);
    samples(ANN, 0x11, FootSide.RIGHT, 2);
    samples(ANN, 0x10, FootSide.LEFT, 3);
    samples(bob, 0x20, FootSide.LEFT, 4);
    gate.open(true);
    // The engine completes a stride before the frame's samples are passed on.
    gate.onStride(ANN, stride(FootSide.RIGHT, 7));
    samples(ANN, 0x10, FootSide.LEFT, 8);
    gate.onStride(ANN, stride(FootSide.LEFT, 9));

    assertThat(seen).containsExactly("samples ann 16 LEFT @3", "samples ann 17 RIGHT @2", "stride ann RIGHT @7",
        "samples ann 16 LEFT @8", "stride ann LEFT @9");
  }
}
