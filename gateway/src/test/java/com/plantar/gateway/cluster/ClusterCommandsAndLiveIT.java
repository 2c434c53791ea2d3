package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.ApiClient;
import com.plantar.gateway.api.ApiOptions;
import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.config.HttpConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.server.ProcessorNode;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.protocol.DeviceIds;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cluster-mode edges and a processor on a real (in-process, KRaft) Kafka: the phone of a wearer
 * is connected to edge B, the physiotherapist's browser to edge A. A command sent through A's API
 * reaches the phone on B; A's live view shows the wearer's pressure, processed by the processor,
 * A's layout endpoint gets the insoles' layouts from it, and A's sync status what it heard from the
 * insoles. Nothing but Kafka connects them.
 */
class ClusterCommandsAndLiveIT {
  private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(256, 1, 1);
  private static final String LEFT = DeviceIds.toHex(WalkFrames.LEFT);

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void commandsAndTheLiveViewReachWhicheverEdgeHoldsTheDeviceOrServesTheBrowser() throws Exception {
    List<AcceptedFrame> walk = WalkFrames.of(WalkFrames.walk()).subList(0, 200);
    try (KafkaTestCluster cluster = KafkaTestCluster.start(1)) {
      KafkaConfig kafka = cluster.config("cmdlive", 4);
      KafkaTopics.ensure(kafka);
      try (Gateway edgeA = edge(kafka, dir.resolve("a")); Gateway edgeB = edge(kafka, dir.resolve("b"));
          ProcessorNode processor = ProcessorNode.start(kafka, StoreConfig.questDb(dir.resolve("processor-store")), 1,
              "processor-1", new HttpConfig("127.0.0.1", 0, "/mqtt"))) {
        PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());
        edgeA.registry().accounts().add("physio", Role.ADMIN, hasher.hash("password-physio"), Optional.empty());
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        MqttAsyncClient phone = phone(edgeB, commands);
        ApiClient browser = new ApiClient(edgeA.http().port());
        assertThat(browser.signIn("physio", "password-physio").statusCode()).isEqualTo(200);

        // A command through edge A's API reaches the phone connected to edge B, once.
        HttpResponse<String> sent = browser.send("POST",
            "/api/wearers/phone-ann/devices/" + LEFT + "/commands", "{\"cmd\":\"tare\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(ApiClient.json(sent).get("delivery").asText()).isEqualTo("routed");
        String id = ApiClient.json(sent).get("id").asText();
        assertThat(commands.poll(20, TimeUnit.SECONDS)).isEqualTo("insole/v1/clinic/" + LEFT + "/cmd {\"cmd\":\"tare\",\"id\":\""
            + id + "\"}");
        await("both edges read it").atMost(Duration.ofSeconds(10)).until(() ->
            metric(edgeB.http().port(), "plantar_commands_relayed_total{result=\"sent\"}") == 1
                && metric(edgeA.http().port(), "plantar_commands_relayed_total{result=\"not_here\"}") == 1);
        assertThat(commands.poll(500, TimeUnit.MILLISECONDS)).as("delivered once").isNull();

        // The browser on edge A watches; the processor learns of it through the watch topic.
        HttpResponse<InputStream> live = browser.stream("/api/wearers/phone-ann/live");
        assertThat(live.statusCode()).isEqualTo(200);
        await("the lease reaches the processor").atMost(Duration.ofSeconds(20))
            .until(() -> processor.live().watching(new WearerRef("clinic", "phone-ann")));
        for (AcceptedFrame frame : walk) {
          IMqttToken token = phone.publish(WalkFrames.topic(frame), frame.bytes(), 1, false);
          token.waitForCompletion(15_000);
          assertThat(token.getReasonCodes()[0]).as("PUBACK").isLessThan(0x80);
        }
        JsonNode frame = firstFrameWithBothFeet(live.body());
        assertThat(frame.get("L").get("cellsKpa").size()).isEqualTo(8);
        assertThat(frame.get("R").get("cellsKpa").size()).isEqualTo(8);
        assertThat(metric(processor.httpPort(), "plantar_live_frames_sent_total")).as("the processor's /metrics")
            .isEqualTo(processor.live().framesSent()).isPositive();
        assertThat(metric(processor.httpPort(), "plantar_process_records_total")).isPositive();
        assertThat(metric(processor.httpPort(), "plantar_process_out_of_order_total")).isZero();
        assertThat(new ApiClient(processor.httpPort()).get("/health").statusCode()).isEqualTo(200);

        JsonNode layout = ApiClient.json(browser.get("/api/wearers/phone-ann/layout"));
        assertThat(layout.get("L").get("cells").size()).as("layouts from the processor's HELLOs").isEqualTo(8);
        assertThat(layout.get("R").get("cells").size()).isEqualTo(8);
        // The sync status on edge A: what the processor heard from both insoles, through the activity topic.
        await("edge A learns the insoles' activity").atMost(Duration.ofSeconds(20)).until(() -> {
          JsonNode devices = ApiClient.json(browser.get("/api/wearers/phone-ann/sync")).get("devices");
          return devices.size() == 2 && !devices.get(0).get("lastSeen").isNull()
              && !devices.get(1).get("lastSeen").isNull();
        });
        for (JsonNode device : ApiClient.json(browser.get("/api/wearers/phone-ann/sync")).get("devices")) {
          assertThat(device.get("lastSample").asText()).startsWith("2025-11-24");
          assertThat(device.get("timeQuality").asText()).isNotEqualTo("unknown");
        }
        live.body().close();
        phone.disconnectForcibly(1_000, 1_000, false);
        phone.close(true);
      }
    }
  }

  private Gateway edge(KafkaConfig kafka, Path dataDir) throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(), Map.ofEntries(
        Map.entry("mqtt.host", "127.0.0.1"), Map.entry("mqtt.port", "0"), Map.entry("mqtt.tlsPort", "-1"),
        Map.entry("mqtt.webSocketPort", "-1"), Map.entry("http.host", "127.0.0.1"), Map.entry("http.port", "0"),
        Map.entry("dataDir", dataDir.toString()), Map.entry("ingest.log", "kafka"),
        Map.entry("kafka.bootstrapServers", kafka.bootstrapServers()), Map.entry("kafka.topic", kafka.topic()),
        Map.entry("kafka.contextTopic", kafka.contextTopic()), Map.entry("kafka.partitions", "4"),
        Map.entry("kafka.replicationFactor", "1"), Map.entry("kafka.minInsyncReplicas", "1")));
    Gateway gateway = Gateway.start(config, true, Optional.empty(), Gateway.embeddedStore(config),
        ApiOptions.defaults(config.http()).withPasswordCost(CHEAP));
    // Each edge has its own registry here (PostgreSQL is shared in production: PostgresRegistryIT).
    gateway.registry().addDevice("clinic", LEFT, Side.L, "PL-8");
    gateway.registry().addDevice("clinic", DeviceIds.toHex(WalkFrames.RIGHT), Side.R, "PL-8");
    gateway.registry().addHub("clinic", "phone-ann");
    gateway.registry().pair("phone-ann", LEFT);
    gateway.registry().pair("phone-ann", DeviceIds.toHex(WalkFrames.RIGHT));
    gateway.refreshWearers();
    return gateway;
  }

  /** The wearer's phone on {@code edge}, subscribed to the left insole's commands ("topic payload" into the queue). */
  private static MqttAsyncClient phone(Gateway edge, BlockingQueue<String> commands) throws MqttException {
    MqttAsyncClient phone = new MqttAsyncClient("tcp://127.0.0.1:" + edge.mqtt().port(), "phone-ann",
        new MemoryPersistence());
    phone.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        commands.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    phone.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    phone.subscribe("insole/v1/clinic/" + LEFT + "/cmd", 1).waitForCompletion(10_000);
    return phone;
  }

  /** Reads SSE events until a frame with both feet (the first ones may have only the foot heard from first). */
  private static JsonNode firstFrameWithBothFeet(InputStream body) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
      if (line.startsWith("data: ")) {
        JsonNode frame = ApiClient.JSON.readTree(line.substring(6));
        if (!frame.get("L").isNull() && !frame.get("R").isNull()) {
          return frame;
        }
      }
    }
    throw new AssertionError("no live frame with both feet within 30 s");
  }

  private static double metric(int httpPort, String series) throws Exception {
    String text = new ApiClient(httpPort).get("/metrics").body();
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }
}
