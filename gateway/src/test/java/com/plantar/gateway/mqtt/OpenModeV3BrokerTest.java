package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.testing.NoLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker in open mode against Paho MQTT 3.1.1 clients. */
@ExtendWith(NoLeaks.class)
class OpenModeV3BrokerTest {

  private TestBroker broker;

  @BeforeEach
  void startBroker() {
    broker = TestBroker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void deliversEachQosAtTheMinimumOfPublishedAndGrantedQos() throws Exception {
    try (V3Client sub = V3Client.connect(broker.tcpUri(), "sub");
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      sub.paho.subscribe(new String[] {"q/0", "q/1", "q/2"}, new int[] {0, 1, 2});
      for (int qos = 0; qos <= 2; qos++) {
        for (int granted = 0; granted <= 2; granted++) {
          pub.publish("q/" + granted, "p" + qos, qos, false);
          V3Client.Received received = sub.next();
          assertThat(received.topic()).isEqualTo("q/" + granted);
          assertThat(received.payload()).isEqualTo("p" + qos);
          assertThat(received.qos()).as("published %d, granted %d", qos, granted).isEqualTo(Math.min(qos, granted));
          assertThat(received.retained()).isFalse();
        }
      }
    }
  }

  @Test
  void retainedMessageReachesLaterSubscribersAndAnEmptyRetainedPayloadClearsIt() throws Exception {
    try (V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      pub.publish("insole/v1/t/d/state", "online", 1, true);
      try (V3Client late = V3Client.connect(broker.tcpUri(), "late")) {
        late.paho.subscribe("insole/v1/+/+/state", 1);
        V3Client.Received received = late.next();
        assertThat(received.payload()).isEqualTo("online");
        assertThat(received.retained()).isTrue();
        pub.publish("insole/v1/t/d/state", "again", 1, true);
        assertThat(late.next().retained()).as("retain flag of a live delivery").isFalse();
      }
      pub.publish("insole/v1/t/d/state", "", 1, true);
      try (V3Client later = V3Client.connect(broker.tcpUri(), "later")) {
        later.paho.subscribe("insole/v1/+/+/state", 1);
        pub.publish("insole/v1/t/d/marker", "m", 1, false);
        later.paho.subscribe("insole/v1/t/d/marker", 1);
        pub.publish("insole/v1/t/d/marker", "m", 1, false);
        assertThat(later.next().topic()).isEqualTo("insole/v1/t/d/marker");
      }
    }
  }

  @Test
  void willIsPublishedWhenTheConnectionDropsButNotAfterDisconnect() throws Exception {
    try (V3Client watcher = V3Client.connect(broker.tcpUri(), "watcher")) {
      watcher.paho.subscribe("devices/+/state", 1);
      MqttConnectOptions options = V3Client.options(true);
      options.setWill("devices/a/state", "offline".getBytes(), 1, true);
      V3Client device = V3Client.connect(broker.tcpUri(), "a", options);
      device.paho.disconnectForcibly(0, 100, false);
      device.paho.close(true);
      V3Client.Received will = watcher.next();
      assertThat(will.topic()).isEqualTo("devices/a/state");
      assertThat(will.payload()).isEqualTo("offline");

      options.setWill("devices/b/state", "offline".getBytes(), 1, false);
      V3Client polite = V3Client.connect(broker.tcpUri(), "b", options);
      polite.close();
      watcher.publish("devices/marker/state", "marker", 1, false);
      assertThat(watcher.next().payload()).as("no will after DISCONNECT").isEqualTo("marker");
    }
  }

  @Test
  void persistentSessionKeepsSubscriptionsAndQueuesMessagesWhileOffline() throws Exception {
    V3Client sub = V3Client.connect(broker.tcpUri(), "keeper", V3Client.options(false));
    sub.paho.subscribe("queue/#", 1);
    sub.close();
    try (V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      for (int i = 0; i < 5; i++) {
        pub.publish("queue/" + i, "m" + i, 1, false);
      }
      pub.publish("queue/zero", "qos0", 0, false);
    }
    V3Client back = new V3Client(broker.tcpUri(), "keeper");
    back.paho.connect(V3Client.options(false));
    try (back) {
      for (int i = 0; i < 5; i++) {
        assertThat(back.next().payload()).isEqualTo("m" + i);
      }
      assertThat(back.next().payload()).isEqualTo("qos0");
    }
    // A clean session starts without the old subscriptions.
    try (V3Client clean = V3Client.connect(broker.tcpUri(), "keeper");
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub2")) {
      pub.publish("queue/x", "lost", 1, false);
      clean.paho.subscribe("marker", 1);
      pub.publish("marker", "marker", 1, false);
      assertThat(clean.next().payload()).isEqualTo("marker");
    }
  }

  @Test
  void offlineQueueIsBoundedAndDropsAreCounted() throws Exception {
    V3Client sub = V3Client.connect(broker.tcpUri(), "slow", V3Client.options(false));
    sub.paho.subscribe("flood", 1);
    sub.close();
    int limit = TestBroker.config().maxQueuedMessages();
    try (V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      for (int i = 0; i < limit + 10; i++) {
        pub.publish("flood", "m" + i, 1, false);
      }
    }
    await().atMost(Duration.ofSeconds(5))
        .until(() -> broker.metrics.registry().find("plantar.mqtt.messages.dropped").tag("reason", "queue_full").counter() != null
            && broker.metrics.registry().find("plantar.mqtt.messages.dropped").tag("reason", "queue_full").counter().count() == 10);
    V3Client back = new V3Client(broker.tcpUri(), "slow");
    back.paho.connect(V3Client.options(false));
    try (back) {
      for (int i = 0; i < limit; i++) {
        assertThat(back.next().payload()).isEqualTo("m" + i);
      }
    }
  }

  @Test
  void subscriberThatStopsReadingCannotHoldTheServersMemory() throws Exception {
    MqttConnectOptions options = V3Client.options(true);
    options.setMaxInflight(65_535);
    try (RawMqtt stalled = new RawMqtt(broker.server.port());
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub", options)) {
      stalled.socket.setReceiveBufferSize(4096);
      stalled.send(RawMqtt.connectV3("stalled", 0));
      assertThat(stalled.readPacket(2000).type()).isEqualTo(2);
      stalled.send(RawMqtt.subscribeV3(1, "firehose", 0));
      assertThat(stalled.readPacket(2000).type()).isEqualTo(9);
      String kilobyte = "x".repeat(1024);
      for (int i = 0; i < 20_000; i++) {
        pub.publish("firehose", kilobyte, 0, false);
      }
      var dropped = broker.metrics.registry().find("plantar.mqtt.messages.dropped").tag("reason", "queue_full_qos0");
      await().atMost(Duration.ofSeconds(10)).until(() -> dropped.counter() != null && dropped.counter().count() > 0);
      double queued = broker.metrics.registry().get("plantar.mqtt.queued.messages").gauge().value();
      assertThat(queued).as("the per-client queue stays bounded").isLessThanOrEqualTo(TestBroker.config().maxQueuedMessages());
      // Everything not dropped was either written or is queued: the drops account for the rest.
      assertThat(dropped.counter().count()).isGreaterThan(10_000);
    }
  }

  @Test
  void wildcardsMatchAndOverlappingSubscriptionsDeliverOneCopyAtTheHighestQos() throws Exception {
    try (V3Client sub = V3Client.connect(broker.tcpUri(), "sub");
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      sub.paho.subscribe(new String[] {"a/+/c", "a/#", "a/b/c"}, new int[] {0, 1, 2});
      pub.publish("a/b/c", "overlap", 2, false);
      pub.publish("a", "parent", 1, false);
      pub.publish("a/x/y/z", "deep", 1, false);
      pub.publish("b/b/c", "other", 1, false);
      pub.publish("a/end", "end", 1, false);
      // Paho hands a QoS 2 message to the application on PUBREL, so arrival order across QoS
      // levels is the client's; compare contents, not order.
      List<V3Client.Received> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(sub.next());
      }
      pub.publish("a/end", "marker", 1, false);
      assertThat(sub.next().payload()).as("nothing more: one copy of overlap, nothing from b/b/c").isEqualTo("marker");
      assertThat(got).extracting(V3Client.Received::payload).containsExactlyInAnyOrder("overlap", "parent", "deep", "end");
      assertThat(got).filteredOn(r -> r.payload().equals("overlap")).extracting(V3Client.Received::qos).containsExactly(2);
    }
  }

  @Test
  void topicsStartingWithDollarAreNotMatchedByLeadingWildcards() throws Exception {
    try (V3Client sub = V3Client.connect(broker.tcpUri(), "sub");
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      sub.paho.subscribe(new String[] {"#", "+/status", "$SYS/status"}, new int[] {1, 1, 1});
      pub.publish("$SYS/status", "sys", 1, false);
      pub.publish("plain/status", "plain", 1, false);
      V3Client.Received first = sub.next();
      assertThat(first.payload()).as("only the explicit $SYS subscription matched").isEqualTo("sys");
      assertThat(sub.next().payload()).isEqualTo("plain");
      pub.publish("marker", "marker", 1, false);
      assertThat(sub.next().payload()).as("plain/status came once (# and +/status overlap)").isEqualTo("marker");
    }
  }

  @Test
  void secondConnectionWithTheSameClientIdTakesOverTheSession() throws Exception {
    V3Client first = V3Client.connect(broker.tcpUri(), "twin", V3Client.options(false));
    first.paho.subscribe("twin/in", 1);
    V3Client second = new V3Client(broker.tcpUri(), "twin");
    second.paho.connect(V3Client.options(false));
    try (first; second) {
      await().atMost(Duration.ofSeconds(5)).until(() -> first.connectionLost != null);
      try (V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
        pub.publish("twin/in", "to the new connection", 1, false);
      }
      assertThat(second.next().payload()).isEqualTo("to the new connection");
      assertThat(broker.rejections(Rejection.SESSION_TAKEN_OVER)).isEqualTo(1);
    }
  }

  @Test
  void deniedSubscriptionFailsWith0x80AndDeniedPublishDisconnectsTheV3Client() throws Exception {
    try (V3Client client = V3Client.connect(broker.tcpUri(), "c")) {
      assertThatThrownBy(() -> client.paho.subscribe("forbidden/x", 1))
          .isInstanceOf(MqttException.class)
          .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(MqttException.REASON_CODE_SUBSCRIBE_FAILED));
      client.paho.subscribe("allowed/x", 1);
      try {
        client.publish("forbidden/x", "no", 1, false);
      } catch (MqttException expected) {
        // the broker closes the connection instead of acknowledging
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> client.connectionLost != null);
      assertThat(broker.metrics.registry().find("plantar.mqtt.acl.denials").tag("action", "publish").counter().count())
          .isEqualTo(1);
    }
  }

  @Test
  void silentConnectionIsClosedAfterTheConnectTimeoutAndCounted() throws Exception {
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      await().atMost(Duration.ofSeconds(5)).until(raw::isClosedByServer);
    }
    assertThat(broker.rejections(Rejection.CONNECT_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void keepAliveIsEnforcedAtOneAndAHalfTimesTheInterval() throws Exception {
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      long start = System.nanoTime();
      raw.send(RawMqtt.connectV3("quiet", 1));
      await().atMost(Duration.ofSeconds(5)).until(raw::isClosedByServer);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(1400L, 3500L);
    }
    assertThat(broker.rejections(Rejection.KEEP_ALIVE_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void pingsKeepAQuietConnectionAlive() throws Exception {
    MqttConnectOptions options = V3Client.options(true);
    options.setKeepAliveInterval(1);
    try (V3Client client = V3Client.connect(broker.tcpUri(), "pinger", options)) {
      await().pollDelay(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(4)).until(() -> true);
      assertThat(client.paho.isConnected()).isTrue();
      assertThat(broker.rejections(Rejection.KEEP_ALIVE_TIMEOUT)).isZero();
    }
  }

  @Test
  void manyClientsReceiveEveryMessageOnce() throws Exception {
    Set<String> received = new HashSet<>();
    V3Client[] subs = new V3Client[6];
    for (int i = 0; i < subs.length; i++) {
      subs[i] = V3Client.connect(broker.tcpUri(), "fan-" + i);
      subs[i].paho.subscribe("fan/#", 1);
    }
    try (V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      for (int m = 0; m < 20; m++) {
        pub.publish("fan/" + m, "m" + m, 1, false);
      }
      for (V3Client sub : subs) {
        for (int m = 0; m < 20; m++) {
          V3Client.Received r = sub.next();
          assertThat(r.payload()).as("per-publisher order").isEqualTo("m" + m);
          received.add(sub.paho.getClientId() + r.payload());
        }
        assertThat(sub.inbox).isEmpty();
      }
    } finally {
      for (V3Client sub : subs) {
        sub.close();
      }
    }
    assertThat(received).hasSize(120);
  }
}
