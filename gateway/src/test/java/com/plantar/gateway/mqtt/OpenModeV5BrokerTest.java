package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.testing.NoLeaks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker in open mode against Paho MQTT 5 clients (and a raw client where Paho is polite). */
@ExtendWith(NoLeaks.class)
class OpenModeV5BrokerTest {

  private TestBroker broker;

  @BeforeEach
  void startBroker() {
    broker = TestBroker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  private static MqttMessage message(String payload, int qos, boolean retained, MqttProperties props) {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retained, props);
    return message;
  }

  private IMqttToken subscribe(V5Client client, MqttSubscription subscription, Integer subscriptionId) throws Exception {
    MqttProperties props = new MqttProperties();
    if (subscriptionId != null) {
      props.setSubscriptionIdentifier(subscriptionId);
    }
    IMqttToken token = client.paho.subscribe(new MqttSubscription[] {subscription}, null, null, props);
    token.waitForCompletion(5000);
    return token;
  }

  @Test
  void connAckAdvertisesTheServerLimitsAndAssignsAClientId() throws Exception {
    try (V5Client client = V5Client.connect(broker.tcpUri(), "")) {
      MqttProperties props = client.connectToken.getResponseProperties();
      assertThat(props.getReceiveMaximum()).isEqualTo(16);
      assertThat(props.getMaximumPacketSize()).isEqualTo(16 * 1024L);
      assertThat(props.getTopicAliasMaximum()).isEqualTo(8);
      assertThat(props.getAssignedClientIdentifier()).startsWith("plantar-");
    }
  }

  @Test
  void qos2RoundTripsBothWays() throws Exception {
    try (V5Client sub = V5Client.connect(broker.tcpUri(), "sub");
        V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      sub.subscribe("q2", 2);
      pub.publish("q2", "exactly once", 2, false);
      V5Client.Received received = sub.next();
      assertThat(received.payload()).isEqualTo("exactly once");
      assertThat(received.message().getQos()).isEqualTo(2);
      pub.publish("q2/marker", "m", 0, false);
      assertThat(sub.inbox).isEmpty();
    }
  }

  @Test
  void inboundQos2StateSurvivesAReconnectSoAResentPublishIsDeliveredOnce() throws Exception {
    try (V5Client sub = V5Client.connect(broker.tcpUri(), "sub")) {
      sub.subscribe("eo", 2);
      try (RawMqtt first = new RawMqtt(broker.server.port())) {
        first.send(RawMqtt.connectV5Persistent("eo-device", 60));
        assertThat(first.readPacket(2000).type()).isEqualTo(2);
        first.send(RawMqtt.publishQos2V5("eo", 5, "once".getBytes(StandardCharsets.UTF_8), false));
        RawMqtt.Packet pubRec = first.readPacket(2000);
        assertThat(pubRec.type()).isEqualTo(5);
        assertThat(RawMqtt.packetId(pubRec)).isEqualTo(5);
      } // the connection drops before PUBREL
      try (RawMqtt second = new RawMqtt(broker.server.port())) {
        second.send(RawMqtt.connectV5Persistent("eo-device", 60));
        RawMqtt.Packet connAck = second.readPacket(2000);
        assertThat(connAck.body()[0] & 1).as("session present").isEqualTo(1);
        second.send(RawMqtt.publishQos2V5("eo", 5, "once".getBytes(StandardCharsets.UTF_8), true));
        RawMqtt.Packet pubRec = second.readPacket(2000);
        assertThat(pubRec.type()).isEqualTo(5);
        second.send(RawMqtt.pubRel(5));
        RawMqtt.Packet pubComp = second.readPacket(2000);
        assertThat(pubComp.type()).isEqualTo(7);
        assertThat(pubComp.body().length == 2 || pubComp.body()[2] == 0).as("PUBCOMP success").isTrue();
      }
      try (V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
        pub.publish("eo", "marker", 2, false);
      }
      assertThat(sub.next().payload()).isEqualTo("once");
      assertThat(sub.next().payload()).as("the re-sent PUBLISH was not delivered again").isEqualTo("marker");
    }
  }

  @Test
  void sessionSurvivesWithinItsExpiryAndIsGoneAfterIt() throws Exception {
    V5Client first = V5Client.connect(broker.tcpUri(), "expiring", V5Client.options(false, 60));
    first.subscribe("exp/#", 1);
    first.close();
    try (V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      pub.publish("exp/a", "while away", 1, false);
    }
    V5Client back = V5Client.connect(broker.tcpUri(), "expiring", V5Client.options(false, 1));
    assertThat(back.connectToken.getSessionPresent()).isTrue();
    assertThat(back.next().payload()).isEqualTo("while away");
    back.close(); // this connection asked for 1 s of expiry
    await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> true);
    try (V5Client later = V5Client.connect(broker.tcpUri(), "expiring", V5Client.options(false, 1))) {
      assertThat(later.connectToken.getSessionPresent()).as("session expired after 1 s").isFalse();
    }
  }

  @Test
  void expiredMessagesAreNotDeliveredAndTheRemainingIntervalIsForwarded() throws Exception {
    V5Client away = V5Client.connect(broker.tcpUri(), "away", V5Client.options(false, 60));
    away.subscribe("mx", 1);
    away.close();
    try (V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      MqttProperties shortLived = new MqttProperties();
      shortLived.setMessageExpiryInterval(1L);
      pub.paho.publish("mx", message("short", 1, false, shortLived)).waitForCompletion(5000);
      MqttProperties longLived = new MqttProperties();
      longLived.setMessageExpiryInterval(100L);
      pub.paho.publish("mx", message("long", 1, false, longLived)).waitForCompletion(5000);
    }
    await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(3)).until(() -> true);
    try (V5Client back = V5Client.connect(broker.tcpUri(), "away", V5Client.options(false, 60))) {
      V5Client.Received received = back.next();
      assertThat(received.payload()).isEqualTo("long");
      assertThat(received.message().getProperties().getMessageExpiryInterval()).isBetween(90L, 99L);
    }
  }

  @Test
  void topicAliasesFromTheClientAreResolvedAndAnOutOfRangeAliasDisconnects() throws Exception {
    try (V5Client sub = V5Client.connect(broker.tcpUri(), "sub");
        RawMqtt raw = new RawMqtt(broker.server.port())) {
      sub.subscribe("alias/#", 1);
      raw.send(RawMqtt.connectV5("aliaser", 30));
      assertThat(raw.readPacket(2000).type()).isEqualTo(2); // CONNACK
      raw.send(publishWithAlias("alias/one", 1, "first"));
      raw.send(publishWithAlias("", 1, "second"));
      V5Client.Received first = sub.next();
      V5Client.Received second = sub.next();
      assertThat(first.topic()).isEqualTo("alias/one");
      assertThat(second.topic()).isEqualTo("alias/one");
      assertThat(second.payload()).isEqualTo("second");
      raw.send(publishWithAlias("alias/two", 9, "out of range"));
      RawMqtt.Packet disconnect = raw.readPacket(2000);
      assertThat(disconnect.type()).isEqualTo(14);
      assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x94);
      await().atMost(Duration.ofSeconds(2)).until(raw::isClosedByServer);
    }
    assertThat(broker.rejections(Rejection.TOPIC_ALIAS_INVALID)).isEqualTo(1);
  }

  /** A QoS 0 v5 PUBLISH carrying a topic alias property. */
  private static byte[] publishWithAlias(String topic, int alias, String payload) {
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(topicBytes.length >> 8);
    body.write(topicBytes.length & 0xFF);
    body.writeBytes(topicBytes);
    body.write(3); // properties length
    body.write(0x23); // topic alias
    body.write(alias >> 8);
    body.write(alias & 0xFF);
    body.writeBytes(payloadBytes);
    return RawMqtt.packet(0x30, body.toByteArray());
  }

  @Test
  void serverRespectsTheClientsReceiveMaximum() throws Exception {
    MqttConnectionOptions options = V5Client.options(true, 0);
    options.setReceiveMaximum(2);
    try (V5Client slow = V5Client.connect(broker.tcpUri(), "slow", options);
        V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      slow.subscribe("rm", 1);
      CountDownLatch gate = new CountDownLatch(1);
      slow.gate = gate;
      for (int i = 0; i < 10; i++) {
        pub.publish("rm", "m" + i, 1, false);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> gauge("plantar.mqtt.inflight") == 2 && gauge("plantar.mqtt.queued.messages") == 8);
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
      assertThat(gauge("plantar.mqtt.inflight")).as("never more than the client's receive maximum").isEqualTo(2);
      slow.gate = null;
      gate.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.inbox.size() == 10);
      List<String> payloads = new ArrayList<>();
      slow.inbox.forEach(r -> payloads.add(r.payload()));
      assertThat(payloads).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }
  }

  private double gauge(String name) {
    return broker.metrics.registry().get(name).gauge().value();
  }

  @Test
  void clientExceedingTheServersReceiveMaximumIsDisconnectedWith0x93() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    MqttConfig config = TestBroker.config();
    broker.close();
    broker =
        TestBroker.start(
            config,
            List.of(new InterceptorBinding("held/#", p -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return PublishVerdict.ACCEPT;
            }))));
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      raw.send(RawMqtt.connectV5("greedy", 30));
      assertThat(raw.readPacket(2000).type()).isEqualTo(2);
      // One write, so the server reads the publish over the limit before it stops reading (it does
      // once receive maximum publishes are pending, and would not see a later segment).
      java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
      for (int id = 1; id <= config.receiveMaximum() + 1; id++) {
        burst.writeBytes(RawMqtt.publishQos1V5("held/x", id, new byte[] {1}));
      }
      raw.send(burst.toByteArray());
      RawMqtt.Packet disconnect = raw.readPacket(3000);
      assertThat(disconnect.type()).isEqualTo(14);
      assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x93);
    } finally {
      never.countDown();
    }
    assertThat(broker.rejections(Rejection.RECEIVE_MAXIMUM_EXCEEDED)).isEqualTo(1);
  }

  @Test
  void oversizedPacketIsAnsweredWithDisconnect0x95() throws Exception {
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      raw.send(RawMqtt.connectV5("big", 30));
      assertThat(raw.readPacket(2000).type()).isEqualTo(2);
      raw.send(RawMqtt.publishQos1V5("big", 1, new byte[20_000]));
      RawMqtt.Packet disconnect = raw.readPacket(3000);
      assertThat(disconnect.type()).isEqualTo(14);
      assertThat(disconnect.body()[0] & 0xFF).isEqualTo(0x95);
    }
    assertThat(broker.rejections(Rejection.PACKET_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void messagesLargerThanTheClientsMaximumPacketSizeAreNotSent() throws Exception {
    MqttConnectionOptions options = V5Client.options(true, 0);
    options.setMaximumPacketSize(200L);
    try (V5Client small = V5Client.connect(broker.tcpUri(), "small", options);
        V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      small.subscribe("size", 1);
      pub.publish("size", "x".repeat(1000), 1, false);
      pub.publish("size", "fits", 1, false);
      assertThat(small.next().payload()).isEqualTo("fits");
      assertThat(broker.metrics.registry().get("plantar.mqtt.messages.dropped").tag("reason", "too_large_for_client").counter().count())
          .isEqualTo(1);
    }
  }

  @Test
  void subscriptionIdentifiersOfEveryMatchingSubscriptionAreSent() throws Exception {
    try (V5Client sub = V5Client.connect(broker.tcpUri(), "sub");
        V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      subscribe(sub, new MqttSubscription("sid/#", 1), 7);
      subscribe(sub, new MqttSubscription("sid/+", 1), 9);
      pub.publish("sid/x", "both", 1, false);
      V5Client.Received received = sub.next();
      assertThat(received.message().getProperties().getSubscriptionIdentifiers()).containsExactlyInAnyOrder(7, 9);
    }
  }

  @Test
  void unsubscribeAnswersSuccessOrNoSubscriptionExisted() throws Exception {
    try (V5Client client = V5Client.connect(broker.tcpUri(), "unsub")) {
      client.subscribe("u/1", 1);
      IMqttToken first = client.paho.unsubscribe("u/1");
      first.waitForCompletion(5000);
      assertThat(first.getReasonCodes()).containsExactly(0x00);
      IMqttToken second = client.paho.unsubscribe("u/1");
      second.waitForCompletion(5000);
      assertThat(second.getReasonCodes()).containsExactly(0x11);
    }
  }

  @Test
  void noLocalSuppressesTheSubscribersOwnPublishes() throws Exception {
    try (V5Client me = V5Client.connect(broker.tcpUri(), "me");
        V5Client other = V5Client.connect(broker.tcpUri(), "other")) {
      MqttSubscription subscription = new MqttSubscription("chat", 1);
      subscription.setNoLocal(true);
      subscribe(me, subscription, null);
      me.publish("chat", "mine", 1, false);
      other.publish("chat", "theirs", 1, false);
      assertThat(me.next().payload()).isEqualTo("theirs");
    }
  }

  @Test
  void retainAsPublishedKeepsTheRetainFlagOnLiveDeliveries() throws Exception {
    try (V5Client keeps = V5Client.connect(broker.tcpUri(), "keeps");
        V5Client clears = V5Client.connect(broker.tcpUri(), "clears");
        V5Client pub = V5Client.connect(broker.tcpUri(), "pub")) {
      MqttSubscription rap = new MqttSubscription("rap", 1);
      rap.setRetainAsPublished(true);
      subscribe(keeps, rap, null);
      subscribe(clears, new MqttSubscription("rap", 1), null);
      pub.publish("rap", "r", 1, true);
      assertThat(keeps.next().message().isRetained()).isTrue();
      assertThat(clears.next().message().isRetained()).isFalse();
    }
  }

  @Test
  void retainHandlingSendsRetainedAlwaysOnlyForNewSubscriptionsOrNever() throws Exception {
    try (V5Client pub = V5Client.connect(broker.tcpUri(), "pub");
        V5Client sub = V5Client.connect(broker.tcpUri(), "sub")) {
      pub.publish("rh/a", "retained", 1, true);
      MqttSubscription always = new MqttSubscription("rh/+", 1);
      always.setRetainHandling(0);
      subscribe(sub, always, null);
      subscribe(sub, always, null);
      assertThat(sub.next().payload()).isEqualTo("retained");
      assertThat(sub.next().payload()).as("0: sent again on re-subscribe").isEqualTo("retained");

      MqttSubscription ifNew = new MqttSubscription("rh/#", 1);
      ifNew.setRetainHandling(1);
      subscribe(sub, ifNew, null);
      subscribe(sub, ifNew, null);
      MqttSubscription never = new MqttSubscription("rh/a", 1);
      never.setRetainHandling(2);
      subscribe(sub, never, null);
      pub.publish("marker", "marker", 1, false);
      sub.subscribe("marker", 1);
      pub.publish("marker", "marker", 1, false);
      List<String> got = new ArrayList<>();
      V5Client.Received r;
      while (!(r = sub.next()).payload().equals("marker")) {
        got.add(r.payload());
      }
      assertThat(got).as("1: once for the new subscription; 2: never").containsExactly("retained");
    }
  }

  @Test
  void sharedSubscriptionDeliversEachMessageToOneMemberOfTheGroup() throws Exception {
    try (V5Client a = V5Client.connect(broker.tcpUri(), "worker-a");
        V5Client b = V5Client.connect(broker.tcpUri(), "worker-b");
        V5Client all = V5Client.connect(broker.tcpUri(), "all");
        V3Client pub = V3Client.connect(broker.tcpUri(), "pub")) {
      a.subscribe("$share/workers/jobs/+", 1);
      b.subscribe("$share/workers/jobs/+", 1);
      all.subscribe("jobs/+", 1);
      await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
      for (int i = 0; i < 20; i++) {
        pub.publish("jobs/" + i, "job" + i, 1, false);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> all.inbox.size() == 20 && a.inbox.size() + b.inbox.size() == 20);
      Set<String> jobs = new HashSet<>();
      a.inbox.forEach(r -> jobs.add(r.payload()));
      b.inbox.forEach(r -> jobs.add(r.payload()));
      assertThat(jobs).hasSize(20);
      assertThat(a.inbox).isNotEmpty();
      assertThat(b.inbox).isNotEmpty();
    }
  }

  @Test
  void requestResponsePropertiesAndUserPropertiesPassThrough() throws Exception {
    try (V5Client responder = V5Client.connect(broker.tcpUri(), "responder");
        V5Client requester = V5Client.connect(broker.tcpUri(), "requester")) {
      responder.subscribe("insole/v1/t/d/time/req", 0);
      MqttProperties props = new MqttProperties();
      props.setResponseTopic("insole/v1/t/d/time/res");
      props.setCorrelationData(new byte[] {1, 2, 3});
      props.setContentType("application/octet-stream");
      props.setUserProperties(List.of(new UserProperty("k", "v"), new UserProperty("k", "w")));
      props.setPayloadFormat(false);
      requester.paho.publish("insole/v1/t/d/time/req", message("req", 0, false, props)).waitForCompletion(5000);
      MqttProperties got = responder.next().message().getProperties();
      assertThat(got.getResponseTopic()).isEqualTo("insole/v1/t/d/time/res");
      assertThat(got.getCorrelationData()).containsExactly(1, 2, 3);
      assertThat(got.getContentType()).isEqualTo("application/octet-stream");
      assertThat(got.getUserProperties()).containsExactly(new UserProperty("k", "v"), new UserProperty("k", "w"));
    }
  }

  @Test
  void deniedSubscriptionAndPublishGetReasonCode0x87() throws Exception {
    try (V5Client client = V5Client.connect(broker.tcpUri(), "c")) {
      IMqttToken sub = client.paho.subscribe(new MqttSubscription[] {new MqttSubscription("forbidden/x", 1), new MqttSubscription("ok/x", 1)});
      sub.waitForCompletion(5000);
      assertThat(sub.getReasonCodes()).containsExactly(0x87, 1);
      IMqttToken pub = client.paho.publish("forbidden/x", message("no", 1, false, new MqttProperties()));
      try {
        pub.waitForCompletion(5000);
      } catch (org.eclipse.paho.mqttv5.common.MqttException expected) {
        // Paho reports a failing PUBACK reason code as an exception on the token
      }
      assertThat(pub.getReasonCodes()).containsExactly(0x87);
      assertThat(client.paho.isConnected()).isTrue();
    }
    assertThat(broker.metrics.registry().get("plantar.mqtt.acl.denials").tag("action", "subscribe").counter().count()).isEqualTo(1);
  }

  @Test
  void takenOverClientGetsDisconnect0x8E() throws Exception {
    try (V5Client first = V5Client.connect(broker.tcpUri(), "twin");
        V5Client second = V5Client.connect(broker.tcpUri(), "twin")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> first.disconnect != null);
      assertThat(first.disconnect.getReturnCode()).isEqualTo(0x8E);
      assertThat(second.paho.isConnected()).isTrue();
    }
  }

  @Test
  void willWithDelayIsPublishedOnlyAfterTheDelayAndNotIfTheClientReturns() throws Exception {
    try (V5Client watcher = V5Client.connect(broker.tcpUri(), "watcher")) {
      watcher.subscribe("wd/+/state", 1);
      MqttConnectionOptions options = V5Client.options(false, 60);
      MqttProperties willProps = new MqttProperties();
      willProps.setWillDelayInterval(1L);
      options.setWillMessageProperties(willProps);
      options.setWill("wd/a/state", new MqttMessage("offline".getBytes(), 1, false, null));
      V5Client device = V5Client.connect(broker.tcpUri(), "wd-a", options);
      long dropped = System.nanoTime();
      device.paho.disconnectForcibly(0, 100, false);
      device.paho.close(true);
      V5Client.Received will = watcher.next();
      assertThat(will.payload()).isEqualTo("offline");
      assertThat((System.nanoTime() - dropped) / 1_000_000).isGreaterThanOrEqualTo(900);

      options.setWill("wd/b/state", new MqttMessage("offline".getBytes(), 1, false, null));
      V5Client flaky = V5Client.connect(broker.tcpUri(), "wd-b", options);
      flaky.paho.disconnectForcibly(0, 100, false);
      flaky.paho.close(true);
      try (V5Client back = V5Client.connect(broker.tcpUri(), "wd-b", V5Client.options(false, 60))) {
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(watcher.inbox).as("the client came back within the will delay").isEmpty();
      }
    }
  }

  @Test
  void delayedWillIsSentAtOnceWhenACleanStartEndsItsSession() throws Exception {
    try (V5Client watcher = V5Client.connect(broker.tcpUri(), "watcher")) {
      watcher.subscribe("wc/state", 1);
      MqttConnectionOptions options = V5Client.options(false, 60);
      MqttProperties willProps = new MqttProperties();
      willProps.setWillDelayInterval(30L);
      options.setWillMessageProperties(willProps);
      options.setWill("wc/state", new MqttMessage("offline".getBytes(), 1, false, null));
      V5Client device = V5Client.connect(broker.tcpUri(), "wc", options);
      device.paho.disconnectForcibly(0, 100, false);
      device.paho.close(true);
      try (V5Client fresh = V5Client.connect(broker.tcpUri(), "wc", V5Client.options(true, 0))) {
        assertThat(watcher.next().payload()).as("sent when the old session ended, not after 30 s").isEqualTo("offline");
      }
    }
  }

  @Test
  void disconnectWithWillReasonPublishesTheWill() throws Exception {
    try (V5Client watcher = V5Client.connect(broker.tcpUri(), "watcher")) {
      watcher.subscribe("dw/state", 1);
      MqttConnectionOptions options = V5Client.options(true, 0);
      options.setWill("dw/state", new MqttMessage("offline".getBytes(), 1, false, null));
      V5Client device = V5Client.connect(broker.tcpUri(), "dw", options);
      device.paho.disconnect(1000, null, null, 0x04, new MqttProperties()).waitForCompletion(2000);
      device.paho.close(true);
      assertThat(watcher.next().payload()).isEqualTo("offline");
    }
  }

  @Test
  void serverKeepAliveIsImposedThroughConnAck() throws Exception {
    broker.close();
    MqttConfig base = TestBroker.config();
    broker =
        TestBroker.start(
            new MqttConfig(
                base.host(), 0, -1, -1, base.maxPacketSize(), base.connectTimeoutSeconds(), 5,
                base.receiveMaximum(), base.maxInflightOutbound(), base.maxQueuedMessages(),
                base.maxSubscriptionsPerClient(), base.topicAliasMaximum(), base.maxSessionExpirySeconds(),
                base.writeBufferLowWaterMark(), base.writeBufferHighWaterMark(), 2, base.deniedTopicFilters(), 2));
    try (V5Client client = V5Client.connect(broker.tcpUri(), "ka")) {
      assertThat(client.connectToken.getResponseProperties().getServerKeepAlive()).isEqualTo(5);
    }
  }

  @Test
  void tooManySubscriptionsDisconnectWith0x97() throws Exception {
    try (V5Client client = V5Client.connect(broker.tcpUri(), "greedy")) {
      int limit = TestBroker.config().maxSubscriptionsPerClient();
      for (int i = 0; i < limit; i++) {
        client.subscribe("many/" + i, 0);
      }
      try {
        client.subscribe("many/one-too-many", 0);
      } catch (org.eclipse.paho.mqttv5.common.MqttException expected) {
        // the connection is closed instead of a SUBACK
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> client.disconnect != null);
      assertThat(client.disconnect.getReturnCode()).isEqualTo(0x97);
    }
    assertThat(broker.rejections(Rejection.TOO_MANY_SUBSCRIPTIONS)).isEqualTo(1);
  }

  @Test
  void shutdownSendsServerShuttingDown() throws Exception {
    V5Client client = V5Client.connect(broker.tcpUri(), "bye");
    broker.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> client.disconnect != null);
    assertThat(client.disconnect.getReturnCode()).isEqualTo(0x8B);
    assertThat(client.disconnect.getReasonString()).isEqualTo("server shutting down");
    client.paho.close(true);
    broker = TestBroker.start();
  }
}
