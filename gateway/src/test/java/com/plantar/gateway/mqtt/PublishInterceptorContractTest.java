package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.testing.NoLeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest hook's contract: acknowledge and route only after the interceptor's completion
 * succeeded, in arrival order, never for a rejection, and stop reading while too many completions
 * are outstanding.
 */
@ExtendWith(NoLeaks.class)
class PublishInterceptorContractTest {

  private final ControlledInterceptor interceptor = new ControlledInterceptor();
  private TestBroker broker;

  @BeforeEach
  void startBroker() {
    broker = TestBroker.start(TestBroker.config(), List.of(new InterceptorBinding("insole/v1/+/+/sync", interceptor)));
  }

  @AfterEach
  void stopBroker() {
    interceptor.acceptAll();
    broker.close();
  }

  @Test
  void pubAckAndPubRecAreSentOnlyAfterTheCompletionSucceeds() throws Exception {
    try (V5Client device = V5Client.connect(broker.tcpUri(), "device");
        V5Client app = V5Client.connect(broker.tcpUri(), "app")) {
      app.subscribe("insole/v1/t/#", 2);
      for (int qos = 1; qos <= 2; qos++) {
        IMqttToken token = device.paho.publish("insole/v1/t/d/sync", ("q" + qos).getBytes(), qos, false);
        ControlledInterceptor.Call call = interceptor.next();
        assertThat(call.publish().qos()).isEqualTo(qos);
        assertThat(StandardCharsets.UTF_8.decode(call.publish().payload()).toString()).isEqualTo("q" + qos);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> !token.isComplete());
        assertThat(app.inbox).as("not routed before the completion").isEmpty();
        call.completion().complete(PublishVerdict.ACCEPT);
        token.waitForCompletion(5000);
        assertThat(token.getReasonCodes()).containsOnly(0);
        assertThat(app.next().payload()).isEqualTo("q" + qos);
      }
    }
  }

  @Test
  void rejectedPublishGetsItsReasonCodeAndIsNeverRouted() throws Exception {
    try (V5Client device = V5Client.connect(broker.tcpUri(), "device");
        V5Client app = V5Client.connect(broker.tcpUri(), "app")) {
      app.subscribe("insole/v1/t/#", 1);
      IMqttToken rejected = device.paho.publish("insole/v1/t/d/sync", "bad".getBytes(), 1, false);
      interceptor.next().completion().complete(PublishVerdict.reject(0x99, "bad frame"));
      awaitDone(rejected);
      assertThat(rejected.getReasonCodes()).containsExactly(0x99);
      IMqttToken failed = device.paho.publish("insole/v1/t/d/sync", "boom".getBytes(), 1, false);
      interceptor.next().completion().completeExceptionally(new IllegalStateException("sink down"));
      awaitDone(failed);
      assertThat(failed.getReasonCodes()).containsExactly(0x80);
      device.publish("insole/v1/t/d/state", "marker", 1, false);
      assertThat(app.next().payload()).as("neither rejected publish was routed").isEqualTo("marker");
      assertThat(device.paho.isConnected()).isTrue();
    }
  }

  private static void awaitDone(IMqttToken token) {
    try {
      token.waitForCompletion(5000);
    } catch (org.eclipse.paho.mqttv5.common.MqttException expected) {
      // Paho surfaces a failing reason code as an exception; the code is still on the token
    }
  }

  @Test
  void rejectedPublishDisconnectsAV3ClientWithoutAcknowledgingIt() throws Exception {
    MqttAsyncClient device = new MqttAsyncClient(broker.tcpUri(), "v3device", new MemoryPersistence());
    try {
      device.connect(V3Client.options(true)).waitForCompletion(5000);
      IMqttDeliveryToken token = device.publish("insole/v1/t/d/sync", "bad".getBytes(), 1, false);
      interceptor.next().completion().complete(PublishVerdict.reject(0x87, "not yours"));
      await().atMost(Duration.ofSeconds(5)).until(() -> !device.isConnected());
      assertThat(token.getException()).as("the publish was never acknowledged").isNotNull();
    } finally {
      device.close(true);
    }
  }

  @Test
  void acknowledgementsKeepArrivalOrderWhenCompletionsFinishOutOfOrder() throws Exception {
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      raw.send(RawMqtt.connectV5("ordered", 30));
      assertThat(raw.readPacket(2000).type()).isEqualTo(2);
      for (int id = 1; id <= 3; id++) {
        raw.send(RawMqtt.publishQos1V5("insole/v1/t/d/sync", id, new byte[] {(byte) id}));
      }
      ControlledInterceptor.Call first = interceptor.next();
      ControlledInterceptor.Call second = interceptor.next();
      ControlledInterceptor.Call third = interceptor.next();
      third.completion().complete(PublishVerdict.ACCEPT);
      second.completion().complete(PublishVerdict.ACCEPT);
      assertThat(raw.pollPacket(400)).as("no PUBACK while the first is outstanding").isNull();
      first.completion().complete(PublishVerdict.ACCEPT);
      for (int id = 1; id <= 3; id++) {
        RawMqtt.Packet ack = raw.readPacket(2000);
        assertThat(ack.type()).isEqualTo(4);
        assertThat(((ack.body()[0] & 0xFF) << 8) | (ack.body()[1] & 0xFF)).isEqualTo(id);
      }
    }
  }

  @Test
  void shutdownWaitsForOutstandingCompletionsAndAcknowledgesThemBeforeDisconnecting() throws Exception {
    V5Client device = V5Client.connect(broker.tcpUri(), "device");
    try {
      IMqttToken token = device.paho.publish("insole/v1/t/d/sync", "last".getBytes(), 1, false);
      ControlledInterceptor.Call call = interceptor.next();
      Thread closer = new Thread(broker::close, "closer");
      closer.start();
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(closer::isAlive);
      assertThat(device.disconnect).as("not disconnected while a completion is outstanding").isNull();
      call.completion().complete(PublishVerdict.ACCEPT);
      token.waitForCompletion(5000);
      assertThat(token.getReasonCodes()).containsExactly(0);
      await().atMost(Duration.ofSeconds(5)).until(() -> device.disconnect != null);
      assertThat(device.disconnect.getReturnCode()).isEqualTo(0x8B);
      closer.join(5000);
    } finally {
      device.paho.close(true);
    }
  }

  @Test
  void whileShuttingDownNewPublishesAreNotTakenSoTheOutstandingOnesDrainUnderSteadyTraffic() throws Exception {
    V5Client device = V5Client.connect(broker.tcpUri(), "device");
    try {
      IMqttToken first = device.paho.publish("insole/v1/t/d/sync", "first".getBytes(), 1, false);
      ControlledInterceptor.Call call = interceptor.next();
      Thread closer = new Thread(broker::close, "closer");
      closer.start();
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(closer::isAlive);
      IMqttToken later = device.paho.publish("insole/v1/t/d/sync", "later".getBytes(), 1, false);
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
          .until(() -> interceptor.seen.get() == 1);
      call.completion().complete(PublishVerdict.ACCEPT);
      first.waitForCompletion(5000);
      assertThat(first.getReasonCodes()).containsExactly(0);
      await().atMost(Duration.ofSeconds(5)).until(() -> device.disconnect != null);
      assertThat(interceptor.seen.get()).as("the publish sent during shutdown was never taken").isEqualTo(1);
      assertThat(later.isComplete() && later.getException() == null && later.getReasonCodes() != null
          && later.getReasonCodes().length > 0 && later.getReasonCodes()[0] < 0x80)
          .as("and never acknowledged").isFalse();
      closer.join(5000);
    } finally {
      device.paho.close(true);
    }
  }

  @Test
  void onlyPublishesOnTheBoundFiltersAreIntercepted() throws Exception {
    try (V5Client device = V5Client.connect(broker.tcpUri(), "device")) {
      device.publish("insole/v1/t/d/live", "not intercepted", 1, false);
      device.publish("elsewhere", "not intercepted", 1, false);
      assertThat(interceptor.seen.get()).isZero();
    }
  }

  @Test
  void readingStopsWhileTooManyCompletionsAreOutstanding() throws Exception {
    int publishes = 40_000;
    byte[] payload = new byte[1024];
    AtomicLong written = new AtomicLong();
    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
      raw.send(RawMqtt.connectV3("flooder", 0));
      assertThat(raw.readPacket(2000).type()).isEqualTo(2);
      Thread writer =
          new Thread(
              () -> {
                try {
                  byte[] packet = RawMqtt.publishQos0("insole/v1/t/d/sync", payload);
                  for (int i = 0; i < publishes; i++) {
                    raw.send(packet);
                    written.incrementAndGet();
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              },
              "flooder");
      writer.start();
      int receiveMaximum = TestBroker.config().receiveMaximum();
      await().atMost(Duration.ofSeconds(5)).until(() -> interceptor.outstanding.get() == receiveMaximum);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> writer.isAlive() && interceptor.seen.get() == receiveMaximum);
      assertThat(written.get()).as("the socket stopped accepting bytes").isLessThan(publishes);
      interceptor.acceptAll();
      writer.join(30_000);
      assertThat(writer.isAlive()).isFalse();
      await().atMost(Duration.ofSeconds(20)).until(() -> interceptor.seen.get() == publishes);
      assertThat(interceptor.maxOutstanding.get()).isEqualTo(receiveMaximum);
    }
  }
}
