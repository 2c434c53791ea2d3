package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** A client that keeps hitting the ACL is disconnected with 0x87 instead of probing forever. */
class AbuseDisconnectTest {

  @Test
  void tenRefusedPublishesWithinTheWindowCloseTheConnection() throws Exception {
    try (TestBroker broker = TestBroker.start(); V5Client client = V5Client.connect(broker.tcpUri(), "prober")) {
      for (int i = 0; i < 9; i++) {
        client.paho.publish("forbidden/x", ("try " + i).getBytes(), 1, false).waitForCompletion(5_000);
      }
      assertThat(client.paho.isConnected()).as("nine refusals are tolerated").isTrue();

      client.paho.publish("forbidden/x", "the tenth".getBytes(), 0, false);

      await().atMost(Duration.ofSeconds(5)).until(() -> !client.paho.isConnected());
      assertThat(client.disconnect).isNotNull();
      assertThat(client.disconnect.getReturnCode()).isEqualTo(0x87);
    }
  }

  @Test
  void refusedSubscriptionsCountToo() throws Exception {
    try (TestBroker broker = TestBroker.start(); V5Client client = V5Client.connect(broker.tcpUri(), "scanner")) {
      MqttSubscription[] probes = new MqttSubscription[10];
      for (int i = 0; i < probes.length; i++) {
        probes[i] = new MqttSubscription("forbidden/" + i, 1);
      }
      client.paho.subscribe(probes);

      await().atMost(Duration.ofSeconds(5)).until(() -> !client.paho.isConnected());
    }
  }
}
