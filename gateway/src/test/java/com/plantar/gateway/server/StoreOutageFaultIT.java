package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.store.InfluxdProcess;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store (a real influxd) stops while insoles sync: publishing goes on (acknowledged from the
 * journal), the processing lag grows and the checkpoint holds; after influxd is back, every sample
 * is in the store exactly once.
 */
class StoreOutageFaultIT {
  @TempDir Path dir;

  private static void publish(MqttAsyncClient client, List<AcceptedFrame> frames) throws Exception {
    for (AcceptedFrame frame : frames) {
      IMqttToken token = client.publish(WalkFrames.topic(frame), frame.bytes(), 1, false);
      token.waitForCompletion(10_000);
      assertThat(token.getReasonCodes()).containsOnly(0);
    }
  }

  @Test
  void whileTheStoreIsDownPublishingContinuesAndAfterwardsEverySampleIsStoredOnce() throws Exception {
    InfluxdProcess influxd = InfluxdProcess.start(Files.createDirectories(dir.resolve("influxd")));
    StoreConfig influx = StoreConfig.influxDb(influxd.url(), "plantar").withManagedInfluxSchema("autogen");
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.port", "-1", "mqtt.sessionLoops", "2", "dataDir", dir.resolve("data").toString()));
    // Recent times: older points would fall outside the raw retention policy and be dropped.
    long startUtcUs = (System.currentTimeMillis() - 3_600_000) * 1000;
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk(), startUtcUs);
    long dataFrames = frames.stream().filter(f -> f.type() == MessageType.DATA).count();
    int third = frames.size() / 3;
    try (Gateway gateway = Gateway.start(config, true, Optional.empty(), influx)) {
      MqttAsyncClient phone = new MqttAsyncClient("tcp://127.0.0.1:" + gateway.mqtt().port(), "phone",
          new MemoryPersistence());
      phone.connect(new MqttConnectionOptions()).waitForCompletion(10_000);

      publish(phone, frames.subList(0, third));
      await().atMost(Duration.ofSeconds(30)).until(() -> gateway.journal().checkpoint() == third);

      influxd.close();
      publish(phone, frames.subList(third, 2 * third));
      long durable = gateway.journal().durableIndex();
      await().atMost(Duration.ofSeconds(30)).until(() -> gateway.processor().processedIndex() == durable);
      // Processed but not committed: the checkpoint must not move past what the store lacks.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> gateway.journal().checkpoint() < durable);

      influxd = influxd.restart();
      publish(phone, frames.subList(2 * third, frames.size()));
      await().atMost(Duration.ofSeconds(60)).until(() -> gateway.journal().checkpoint() == frames.size());
      phone.disconnect().waitForCompletion(5_000);
      phone.close();
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(influx)) {
      TimeRange all = new TimeRange(startUtcUs, startUtcUs + 3_600_000_000L);
      long samples = store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.LEFT), all).size()
          + store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.RIGHT), all).size();
      assertThat(samples).isEqualTo(dataFrames * 25);
    } finally {
      influxd.close();
    }
  }
}
