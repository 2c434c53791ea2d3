package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.gateway.testing.SmallDisk;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.MessageType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's disk fills up while insoles sync (a 256 MiB tmpfs under the data directory, journal
 * and embedded store both on it; {@link SmallDisk}, skipped where it cannot be mounted): the journal
 * takes what fits and refuses the rest, unacknowledged; after space returns, the refused frames sent
 * again are taken, and every sample is in the store exactly once. Before, the journal kept the torn
 * record of its failed write, so processing stopped there for good. (QuestDB suspending a table on a
 * full disk is {@code QuestDbStoreTest}'s: here the store's files already have room for these rows.)
 */
class DiskFullFaultIT {
  @TempDir Path dir;

  /** Publishes at QoS 1 and returns the frames the gateway did not acknowledge as stored. */
  private static List<AcceptedFrame> publish(MqttAsyncClient client, List<AcceptedFrame> frames) throws Exception {
    List<AcceptedFrame> refused = new ArrayList<>();
    for (AcceptedFrame frame : frames) {
      try {
        IMqttToken token = client.publish(WalkFrames.topic(frame), frame.bytes(), 1, false);
        token.waitForCompletion(10_000);
        if (token.getReasonCodes()[0] != 0) {
          refused.add(frame);
        }
      } catch (MqttException e) {
        refused.add(frame);
      }
    }
    return refused;
  }

  @Test
  void framesRefusedWhileTheDiskIsFullAreTakenAfterwardsAndEverySampleIsStoredOnce() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "256m")) {
      Path dataDir = disk.root().resolve("data");
      GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
          Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
              "http.port", "-1", "mqtt.sessionLoops", "2", "dataDir", dataDir.toString()));
      long startUtcUs = (System.currentTimeMillis() - 3_600_000) * 1000;
      List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk(), startUtcUs);
      long dataFrames = frames.stream().filter(f -> f.type() == MessageType.DATA).count();
      int third = frames.size() / 3;
      try (Gateway gateway = Gateway.start(config, true)) {
        MqttAsyncClient phone = new MqttAsyncClient("tcp://127.0.0.1:" + gateway.mqtt().port(), "phone",
            new MemoryPersistence());
        phone.connect(new MqttConnectionOptions()).waitForCompletion(10_000);

        assertThat(publish(phone, frames.subList(0, third))).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.journal().checkpoint() == third);

        // Room for the journal's records of about half the second third, not for the store's next
        // allocations (QuestDB maps its column files a MiB at a time).
        List<AcceptedFrame> second = frames.subList(third, 2 * third);
        disk.fillLeaving(second.stream().mapToLong(f -> f.bytes().length + 64).sum() / 2);
        List<AcceptedFrame> refused = publish(phone, second);
        assertThat(refused).as("frames refused on the full disk").isNotEmpty().hasSizeLessThan(second.size());

        disk.free();
        assertThat(publish(phone, refused)).as("the refused frames, sent again").isEmpty();
        assertThat(publish(phone, frames.subList(2 * third, frames.size()))).isEmpty();
        await().atMost(Duration.ofSeconds(40)).until(() -> gateway.journal().checkpoint() == frames.size());
        phone.disconnect().waitForCompletion(5_000);
        phone.close();
      }
      try (TimeSeriesStore store = TimeSeriesStores.open(Gateway.embeddedStore(config))) {
        TimeRange all = new TimeRange(startUtcUs, startUtcUs + 3_600_000_000L);
        long samples = store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.LEFT), all).size()
            + store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.RIGHT), all).size();
        assertThat(samples).isEqualTo(dataFrames * 25);
      }
    }
  }
}
