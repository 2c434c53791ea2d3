package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.live.InsoleLayout;
import com.plantar.gateway.live.LiveFrame;
import com.plantar.gateway.timing.TimeQuality;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Kafka forms of the live view and of commands: round trips, and garbage is refused, not thrown. */
class LiveRecordsTest {
  @Test
  void aFrameWithOneFootMissingComesBackEqual() {
    LiveFrame frame = new LiveFrame(1_700_000_000_123_456L,
        new LiveFrame.Foot(new float[] {1.5f, 0f, 300f}, 12.5, 140.25, 512.0), null);
    LiveFrame back = LiveRecords.frameOf(LiveRecords.frame(frame));
    assertThat(back.utcUs()).isEqualTo(frame.utcUs());
    assertThat(back.left().cellsKpa()).containsExactly(1.5f, 0f, 300f);
    assertThat(back.left().copXMm()).isEqualTo(12.5);
    assertThat(back.left().copYMm()).isEqualTo(140.25);
    assertThat(back.left().loadN()).isEqualTo(512.0);
    assertThat(back.right()).isNull();
    assertThat(LiveRecords.layoutsOf(LiveRecords.frame(frame))).as("a frame is not layouts").isNull();
  }

  @Test
  void layoutsComeBackEqual() {
    InsoleLayout left = new InsoleLayout(260, 95, List.of(new InsoleLayout.Cell(10, 20, 150), new InsoleLayout.Cell(
        -5, 200, 120)));
    InsoleLayout[] back = LiveRecords.layoutsOf(LiveRecords.layouts(new InsoleLayout[] {left, null}));
    assertThat(back[0]).isEqualTo(left);
    assertThat(back[1]).isNull();
  }

  @Test
  void leasesAndCommandsComeBackEqual() {
    assertThat(LiveRecords.leaseOf(LiveRecords.lease(1_234_567L))).isEqualTo(1_234_567L);
    DeviceCommand command = new DeviceCommand("id-1", "clinic", "00000000000000d1", "set_rate", 50, 99L);
    assertThat(CommandRecords.commandOf(CommandRecords.value(command))).isEqualTo(command);
    for (DeviceActivity.Snapshot snapshot : List.of(
        new DeviceActivity.Snapshot(1_700_000_000_000_000L, 1_699_999_999_990_000L, TimeQuality.ANCHORED, 87, 120),
        new DeviceActivity.Snapshot(Long.MIN_VALUE, Long.MIN_VALUE, null, -1, -1))) {
      assertThat(LiveRecords.activityOf(LiveRecords.activity(snapshot))).isEqualTo(snapshot);
    }
  }

  @Test
  void truncatedCorruptOrForeignValuesDecodeToNothing() {
    byte[] frame = LiveRecords.frame(new LiveFrame(1, new LiveFrame.Foot(new float[16], 0, 0, 0),
        new LiveFrame.Foot(new float[16], 0, 0, 0)));
    byte[] command = CommandRecords.value(new DeviceCommand("i", "clinic", "00000000000000d1", "tare", 0, 1));
    for (int cut = 0; cut < frame.length; cut++) {
      assertThat(LiveRecords.frameOf(Arrays.copyOf(frame, cut))).isNull();
    }
    for (int cut = 0; cut < command.length; cut++) {
      assertThat(CommandRecords.commandOf(Arrays.copyOf(command, cut))).isNull();
    }
    byte[] hugeCount = frame.clone();
    hugeCount[11] = (byte) 0xFF; // the left foot's cell count, now far beyond any insole
    assertThat(LiveRecords.frameOf(hugeCount)).isNull();
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      byte[] noise = new byte[random.nextInt(200)];
      random.nextBytes(noise);
      LiveRecords.frameOf(noise);
      LiveRecords.layoutsOf(noise);
      LiveRecords.leaseOf(noise);
      LiveRecords.activityOf(noise);
      CommandRecords.commandOf(noise);
    }
    assertThat(LiveRecords.leaseOf(new byte[0])).isEqualTo(-1);
    assertThat(CommandRecords.commandOf(null)).isNull();
  }
}
