package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.testing.NoLeaks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(NoLeaks.class)
class ServeCommandTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void badConfigurationFailsFastNamingTheKey() {
    assertThat(run("serve", "--open", "--mqtt-port", "99999")).isEqualTo(1);
    assertThat(err.toString()).contains("mqtt.port");
  }

  private GatewayConfig ephemeralConfig() {
    return new ConfigLoader()
        .load(
            Optional.empty(),
            Map.of(),
            Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "http.host", "127.0.0.1",
                "http.port", "0", "mqtt.sessionLoops", "2", "mqtt.webSocketPort", "0", "dataDir",
                dir.toString()));
  }

  @Test
  void servesHealthAndMetricsOnTheHttpPort() throws Exception {
    try (Gateway running = Gateway.start(ephemeralConfig(), true)) {
      String base = "http://127.0.0.1:" + running.http().port();
      MqttClient client = new MqttClient("tcp://127.0.0.1:" + running.mqtt().port(), "m", new MemoryPersistence());
      client.connect();
      client.publish("t", new byte[] {1}, 1, false);
      client.disconnect();
      client.close();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"").contains("\"journalLag\"").contains("\"mqtt\"");
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("plantar_mqtt_packets_total{direction=\"in\",type=\"PUBLISH\"} 1.0")
          .contains("plantar_mqtt_publish_to_ack_seconds_bucket")
          .contains("plantar_mqtt_rejections_total{reason=\"malformed_packet\"} 0.0")
          .contains("plantar_mqtt_connections ");
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void mqttOverWebSocketWorksOnTheHttpPortAndItsOwnPortForV3AndV5() throws Exception {
    try (Gateway running = Gateway.start(ephemeralConfig(), true)) {
      String ws = "ws://127.0.0.1:" + running.http().port() + "/mqtt";
      MqttClient v3 = new MqttClient(ws, "ws3", new MemoryPersistence());
      MqttConnectOptions v3Options = new MqttConnectOptions();
      v3Options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      v3.connect(v3Options);
      java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
      v3.subscribe("ws/#", 1, (topic, message) -> got.add(topic + "=" + new String(message.getPayload())));
      org.eclipse.paho.mqttv5.client.MqttClient v5 =
          new org.eclipse.paho.mqttv5.client.MqttClient(ws, "ws5", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
      v5.connect(new MqttConnectionOptions());
      v5.publish("ws/v5", "over websocket".getBytes(), 1, false);
      assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("ws/v5=over websocket");
      MqttClient ownPort =
          new MqttClient("ws://127.0.0.1:" + running.mqtt().webSocketPort() + "/mqtt", "wsport", new MemoryPersistence());
      ownPort.connect(v3Options);
      ownPort.publish("ws/own", "own port".getBytes(), 1, false);
      assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("ws/own=own port");
      ownPort.disconnect();
      ownPort.close();
      v5.disconnect();
      v5.close();
      v3.disconnect();
      v3.close();
    }
  }
}
