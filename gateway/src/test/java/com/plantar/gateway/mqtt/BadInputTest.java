package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.testing.NoLeaks;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random bytes, truncated and mutated MQTT packets fed to a live server over TCP: the server stays
 * up, closes every bad connection, counts each closure, and other clients' traffic is unaffected.
 */
@ExtendWith(NoLeaks.class)
class BadInputTest {

  private static final int CONNECTIONS = 240;

  private TestBroker broker;

  @BeforeEach
  void startBroker() {
    broker = TestBroker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  /** A valid session of packets (v3 or v5) that the mutations start from. */
  private static byte[] validSession(Random random, int n) {
    boolean v5 = random.nextBoolean();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(v5 ? RawMqtt.connectV5("fuzz-" + n, 1) : RawMqtt.connectV3("fuzz-" + n, 1));
    byte[] payload = new byte[random.nextInt(200)];
    random.nextBytes(payload);
    out.writeBytes(v5 ? RawMqtt.publishQos1V5("insole/v1/t/d/sync", 1, payload) : RawMqtt.publishQos1("insole/v1/t/d/sync", 1, payload));
    out.writeBytes(RawMqtt.publishQos0("insole/v1/t/d/live", payload));
    return out.toByteArray();
  }

  private static byte[] badInput(Random random, int n) {
    byte[] session = validSession(random, n);
    switch (n % 5) {
      case 0 -> { // random bytes
        byte[] bytes = new byte[1 + random.nextInt(2000)];
        random.nextBytes(bytes);
        return bytes;
      }
      case 1 -> { // a valid start, truncated anywhere
        return Arrays.copyOf(session, 1 + random.nextInt(session.length - 1));
      }
      case 2 -> { // a few bytes flipped
        byte[] mutated = session.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        return mutated;
      }
      case 3 -> { // valid CONNECT, then garbage
        byte[] connect = RawMqtt.connectV3("garbage-" + n, 1);
        byte[] garbage = new byte[1 + random.nextInt(500)];
        random.nextBytes(garbage);
        byte[] both = Arrays.copyOf(connect, connect.length + garbage.length);
        System.arraycopy(garbage, 0, both, connect.length, garbage.length);
        return both;
      }
      default -> { // a packet announcing more than the maximum packet size
        byte[] connect = RawMqtt.connectV3("huge-" + n, 1);
        byte[] huge = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F};
        byte[] both = Arrays.copyOf(connect, connect.length + huge.length);
        System.arraycopy(huge, 0, both, connect.length, huge.length);
        return both;
      }
    }
  }

  private double totalRejections() {
    double sum = 0;
    for (Rejection reason : Rejection.values()) {
      sum += broker.rejections(reason);
    }
    return sum;
  }

  private double packetsIn(String type) {
    var counter = broker.metrics.registry().find("plantar.mqtt.packets").tag("direction", "in").tag("type", type).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void serverSurvivesBadInputClosesAndCountsEveryBadConnectionAndKeepsServingOthers() throws Exception {
    // Paho v5 has no max-inflight setting and a known race (paho.mqtt.java#551, #993) that trips
    // "too many publishes in progress" under CPU load, so the good publisher is a v3 client.
    org.eclipse.paho.client.mqttv3.MqttConnectOptions pubOptions = V3Client.options(true);
    pubOptions.setMaxInflight(1000);
    try (V5Client sub = V5Client.connect(broker.tcpUri(), "good-sub");
        V3Client pub = V3Client.connect(broker.tcpUri(), "good-pub", pubOptions)) {
      sub.subscribe("good/#", 1);
      Random random = new Random(20_261_125L);
      List<byte[]> inputs = new ArrayList<>();
      for (int n = 0; n < CONNECTIONS; n++) {
        inputs.add(badInput(random, n));
      }
      ExecutorService senders = Executors.newFixedThreadPool(24);
      List<Future<Boolean>> closedByServer = new ArrayList<>();
      try {
        for (byte[] input : inputs) {
          closedByServer.add(
              senders.submit(
                  () -> {
                    try (RawMqtt raw = new RawMqtt(broker.server.port())) {
                      try {
                        raw.send(input);
                      } catch (java.io.IOException closedWhileSending) {
                        return true;
                      }
                      long deadline = System.nanoTime() + 6_000_000_000L;
                      while (System.nanoTime() < deadline) {
                        if (raw.isClosedByServer()) {
                          return true;
                        }
                      }
                      return false;
                    }
                  }));
        }
        int i = 0;
        while (!closedByServer.stream().allMatch(Future::isDone)) {
          pub.publish("good/" + i, "m" + i, 1, false);
          assertThat(sub.next().payload()).isEqualTo("m" + i);
          i++;
        }
        for (Future<Boolean> closed : closedByServer) {
          assertThat(closed.get()).as("the server closed every bad connection").isTrue();
        }
      } finally {
        senders.shutdownNow();
      }
      // Each bad connection ended either with a counted rejection or with a DISCONNECT it sent.
      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(totalRejections() + packetsIn("DISCONNECT")).isGreaterThanOrEqualTo(CONNECTIONS));
      assertThat(broker.rejections(Rejection.PACKET_TOO_LARGE)).isGreaterThanOrEqualTo(CONNECTIONS / 5);
      assertThat(broker.rejections(Rejection.MALFORMED_PACKET) + broker.rejections(Rejection.PACKET_BEFORE_CONNECT)).isPositive();
      pub.publish("good/after", "still serving", 2, false);
      assertThat(sub.next().payload()).isEqualTo("still serving");
      try (V3Client late = V3Client.connect(broker.tcpUri(), "late")) {
        assertThat(late.paho.isConnected()).isTrue();
      }
    }
  }
}
