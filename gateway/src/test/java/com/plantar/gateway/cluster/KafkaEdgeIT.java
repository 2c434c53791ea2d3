package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.server.Gateway;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-mode edge against a real (in-process, KRaft) Kafka: every PUBACK'd frame is in the
 * frames topic, keyed by its wearer (both insoles of a paired hub in one partition), unchanged; when
 * Kafka goes away, publishes are refused (never acknowledged) and {@code /health} says degraded.
 */
class KafkaEdgeIT {
  @TempDir Path dir;

  @Test
  // Building the test kit (certificates) and starting KRaft take seconds on an idle machine but
  // minutes on a 2-core machine shared by several builds: the default 60 s is not enough there.
  @Timeout(300)
  void acknowledgesOnlyWhatKafkaHasAndRefusesWhenItIsGone() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk()).subList(0, 84);
    KafkaTestCluster cluster = KafkaTestCluster.start(1);
    KafkaConfig kafka = cluster.config("edge", 4);
    KafkaTopics.ensure(kafka);
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(), Map.ofEntries(
        Map.entry("mqtt.host", "127.0.0.1"), Map.entry("mqtt.port", "0"), Map.entry("mqtt.tlsPort", "-1"),
        Map.entry("mqtt.webSocketPort", "-1"), Map.entry("http.host", "127.0.0.1"), Map.entry("http.port", "0"),
        Map.entry("dataDir", dir.toString()), Map.entry("ingest.log", "kafka"),
        Map.entry("kafka.bootstrapServers", kafka.bootstrapServers()), Map.entry("kafka.topic", kafka.topic()),
        Map.entry("kafka.deliveryTimeoutMs", "3000")));
    try (Gateway gateway = Gateway.start(config, true)) {
      gateway.registry().addDevice("clinic", DeviceIds.toHex(WalkFrames.LEFT), Side.L, "PL-8");
      gateway.registry().addDevice("clinic", DeviceIds.toHex(WalkFrames.RIGHT), Side.R, "PL-8");
      gateway.registry().addHub("clinic", "phone-ann");
      gateway.registry().pair("phone-ann", DeviceIds.toHex(WalkFrames.LEFT));
      gateway.registry().pair("phone-ann", DeviceIds.toHex(WalkFrames.RIGHT));
      gateway.refreshWearers();
      assertThat(journalOrNone(gateway)).as("no journal in cluster mode").isFalse();

      MqttAsyncClient phone = new MqttAsyncClient("tcp://127.0.0.1:" + gateway.mqtt().port(), "phone-ann",
          new MemoryPersistence());
      phone.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
      for (AcceptedFrame frame : frames) {
        assertThat(publish(phone, frame)).as("PUBACK reason").isLessThan(0x80);
      }
      assertThat(gateway.frameLog().orElseThrow().sentFrames()).isEqualTo(frames.size());
      assertThat(health(gateway)).startsWith("200");

      List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, frames.size());
      Set<Integer> partitions = new HashSet<>();
      List<AcceptedFrame> stored = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("clinic/phone-ann");
        partitions.add(record.partition());
        stored.add(FrameRecords.frameOf(record.value()));
      }
      assertThat(partitions).as("both insoles of a wearer in one partition").hasSize(1);
      assertThat(stored).hasSize(frames.size());
      for (int i = 0; i < frames.size(); i++) {
        assertThat(stored.get(i).bytes()).isEqualTo(frames.get(i).bytes());
        assertThat(stored.get(i).seq()).isEqualTo(frames.get(i).type() == MessageType.DATA ? frames.get(i).seq() : -1);
      }

      cluster.close();
      await("health degraded").atMost(Duration.ofSeconds(20)).until(() -> health(gateway).startsWith("503"));
      assertThat(health(gateway)).contains("kafka");
      AcceptedFrame more = WalkFrames.of(WalkFrames.walk()).get(84);
      assertThat(publish(phone, more)).as("refused, never acknowledged").isGreaterThanOrEqualTo(0x80);
      assertThat(gateway.frameLog().orElseThrow().failedSends()).isPositive();
      assertThat(gateway.frameLog().orElseThrow().sentFrames()).isEqualTo(frames.size());
      phone.disconnectForcibly(1_000, 1_000, false);
      phone.close(true);
    }
  }

  private static boolean journalOrNone(Gateway gateway) {
    return gateway.journal() != null;
  }

  private static int publish(MqttAsyncClient client, AcceptedFrame frame) throws Exception {
    IMqttToken token = client.publish(WalkFrames.topic(frame), frame.bytes(), 1, false);
    token.waitForCompletion(15_000);
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  private static String health(Gateway gateway) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.http().port() + "/health")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  /** Every frame record of the topic (warm-up records skipped), in partition order. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConfig kafka, int expected) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(
        kafka.withGroup("edge-check", ""), "edge-check"))) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < kafka.partitions(); p++) {
        all.add(new TopicPartition(kafka.topic(), p));
      }
      consumer.assign(all);
      consumer.seekToBeginning(all);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.headers().lastHeader(KafkaTopics.WARM_UP_HEADER) == null) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }
}
