package com.plantar.gateway.demo;

import com.plantar.simulator.history.HistoryFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Uploads a wearer's generated history through the gateway as its phone would after weeks offline
 * (PROTOCOL.md §9.3): HELLO and ANCHOR frames on their topics, DATA frames concatenated on {@code
 * sync} up to 32 KiB per publish, QoS 1, a bounded number in flight. A publish the gateway refuses
 * for now (its PUBACK says "not stored" or "busy / storage full") is sent again a second later, as a
 * phone keeps what is not acknowledged; one refused for its content fails the upload. Used by {@code
 * plantar demo} on one thread of its own.
 */
final class HistoryUpload implements AutoCloseable {
  private static final int MAX_PAYLOAD = 32 * 1024;
  /** Below Paho's own limit of 10 publishes in flight per client. */
  private static final int IN_FLIGHT = 8;
  /** 10 ms apart: a slot taken for 10 s is not the race below but a stuck client. */
  private static final int MAX_INFLIGHT_RETRIES = 1_000;
  /** PUBACK reasons of a publish the gateway did not store for now (IngestInterceptor): send it again. */
  private static final int NOT_STORED = 0x80;
  private static final int QUOTA_EXCEEDED = 0x97;
  private static final long SEND_AGAIN_AFTER_MS = 1_000;

  private final MqttAsyncClient client;
  private final String prefix;
  private final Deque<Sent> inFlight = new ArrayDeque<>();
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
  /** Publishes sent again after the gateway refused them for now; read live by the demo's status. */
  private final AtomicLong sentAgain;
  private String batchDevice;
  private long frames;

  /** A publish in flight, kept until it is acknowledged so that it can be sent again. */
  private record Sent(String topic, byte[] payload, IMqttToken token) {}

  HistoryUpload(String brokerUrl, String tenant, String hubId, String token, AtomicLong sentAgain)
      throws MqttException {
    this.sentAgain = sentAgain;
    this.prefix = "insole/v1/" + tenant + "/";
    this.client = new MqttAsyncClient(brokerUrl, hubId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(hubId);
    options.setPassword(token.getBytes(StandardCharsets.US_ASCII));
    options.setReceiveMaximum(IN_FLIGHT);
    // Generous: the gateway checks the hub's token with PBKDF2, which takes seconds on a busy machine.
    client.connect(options).waitForCompletion(60_000);
  }

  /** Sends one generated frame (batched when it is DATA for {@code sync}). */
  void send(HistoryFrame frame) throws MqttException {
    String device = com.plantar.protocol.DeviceIds.toHex(frame.deviceId());
    if (frame.suffix().equals("sync")) {
      if (batch.size() + frame.frame().length > MAX_PAYLOAD || !device.equals(batchDevice)) {
        flush();
      }
      batchDevice = device;
      batch.writeBytes(frame.frame());
    } else {
      flush();
      publish(prefix + device + "/" + frame.suffix(), frame.frame());
    }
    frames++;
  }

  long frames() {
    return frames;
  }

  /** Sends what is batched and waits until every publish is acknowledged (durable at the gateway). */
  void finish() throws MqttException {
    flush();
    while (!inFlight.isEmpty()) {
      awaitStored(inFlight.removeFirst());
    }
  }

  private void flush() throws MqttException {
    if (batch.size() > 0) {
      publish(prefix + batchDevice + "/sync", batch.toByteArray());
      batch.reset();
    }
  }

  private void publish(String topic, byte[] payload) throws MqttException {
    while (inFlight.size() >= IN_FLIGHT) {
      awaitStored(inFlight.removeFirst());
    }
    inFlight.addLast(new Sent(topic, payload, send(topic, payload)));
  }

  /** Waits for a publish's PUBACK, sending it again for as long as the gateway refuses it for now. */
  private void awaitStored(Sent sent) throws MqttException {
    IMqttToken token = sent.token();
    for (int reason = reasonOf(token); reason >= 0x80; reason = reasonOf(token)) {
      if (reason != NOT_STORED && reason != QUOTA_EXCEEDED) {
        throw new MqttException(reason);
      }
      sentAgain.incrementAndGet();
      pause(SEND_AGAIN_AFTER_MS);
      token = send(sent.topic(), sent.payload());
    }
  }

  private static int reasonOf(IMqttToken token) throws MqttException {
    try {
      token.waitForCompletion(60_000);
    } catch (MqttException e) {
      if (e.getReasonCode() == NOT_STORED || e.getReasonCode() == QUOTA_EXCEEDED) {
        return e.getReasonCode();
      }
      throw e;
    }
    int[] reasons = token.getReasonCodes();
    return reasons == null || reasons.length == 0 ? 0 : reasons[0];
  }

  private IMqttToken send(String topic, byte[] payload) throws MqttException {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.publish(topic, payload, 1, false);
      } catch (MqttException e) {
        // Paho completes a token before it frees the publish's in-flight slot: on a busy machine the
        // next publish can find the slot still taken (32202). Wait a moment; it is freed right after.
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= MAX_INFLIGHT_RETRIES) {
          throw e;
        }
        pause(10);
      }
    }
  }

  private static void pause(long millis) throws MqttException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MqttException(e);
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
