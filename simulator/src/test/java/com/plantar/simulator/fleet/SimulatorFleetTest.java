package com.plantar.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorFleetTest {
  @TempDir Path dir;

  private static Map<String, String> users(FleetConfig config, String probePassword) {
    Map<String, String> users = new HashMap<>();
    for (WearerIdentity id : config.identities()) {
      users.put(id.hubId(), "token-" + id.hubId());
    }
    users.put("probe", probePassword);
    return users;
  }

  private static MqttClient probe(String url, String tenant, Set<Long> liveDevices) throws Exception {
    MqttClient client = new MqttClient(url, "probe", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("probe");
    options.setPassword("probe-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
      @Override
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
      }

      @Override
      public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
      }

      @Override
      public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
        FrameView view = new FrameView();
        byte[] payload = message.getPayload();
        if (new FrameDecoder().decode(payload, 0, payload.length, view).isOk()) {
          liveDevices.add(view.deviceId());
        }
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
      }

      @Override
      public void connectComplete(boolean reconnect, String uri) {
      }

      @Override
      public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
      }
    });
    client.connect(options);
    client.subscribe("insole/v1/" + tenant + "/+/live", 0);
    return client;
  }

  @Test
  void fleetConnectsEachWearerAsAHubWithItsTokenStreamsFromEveryInsoleAndStopsCleanly() throws Exception {
    FleetConfig config = FleetConfig.of("tcp://127.0.0.1:1", 3).withTenant("fleet").withProfile("mixed");
    try (var broker = com.plantar.simulator.mqtt.TestBrokers.start(dir, users(config, "probe-secret"))) {
      config = FleetConfig.of(broker.url(), 3).withTenant("fleet").withProfile("mixed");
      Set<Long> live = ConcurrentHashMap.newKeySet();
      MqttClient probe = probe(broker.url(), "fleet", live);
      SimulatorFleet fleet = SimulatorFleet.start(config, identity -> "token-" + identity);
      try {
        await("six insoles streaming").atMost(Duration.ofSeconds(15)).until(() -> live.size() == 6);
        assertThat(fleet.status().devicesConnected()).isEqualTo(6);
        assertThat(fleet.status().line()).contains("devices 6/6 connected");
        assertThat(Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("sim-shard-")).count()).isEqualTo(1);
      } finally {
        fleet.close();
        probe.disconnect();
        probe.close();
      }
      assertThat(fleet.status().devicesConnected()).isZero();
      assertThat(fleet.counters().connectErrors.sum()).isZero();
      assertThat(fleet.counters().framesProduced.sum()).isPositive();
    }
  }

  @Test
  void wrongTokensAreRefusedByTheBrokerAndCountedAsConnectErrors() throws Exception {
    FleetConfig config = FleetConfig.of("tcp://127.0.0.1:1", 1).withTenant("fleet");
    try (var broker = com.plantar.simulator.mqtt.TestBrokers.start(dir, users(config, "probe-secret"))) {
      SimulatorFleet fleet = SimulatorFleet.start(
          FleetConfig.of(broker.url(), 1).withTenant("fleet"), identity -> "wrong");
      try {
        await("refused").atMost(Duration.ofSeconds(10))
            .until(() -> fleet.counters().connectErrors.sum() > 0);
        assertThat(fleet.status().devicesConnected()).isZero();
        assertThat(fleet.counters().liveSent.sum()).isZero();
      } finally {
        fleet.close();
      }
    }
  }
}
