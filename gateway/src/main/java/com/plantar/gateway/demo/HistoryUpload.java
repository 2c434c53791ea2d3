package com.plantar.gateway.demo;

import com.plantar.simulator.history.HistoryFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Uploads a wearer's generated history through the gateway as its phone would after weeks offline
 * (PROTOCOL.md §9.3): HELLO and ANCHOR frames on their topics, DATA frames concatenated on {@code
 * sync} up to 32 KiB per publish, QoS 1, a bounded number in flight. Used by {@code plantar demo}
 * on one thread of its own.
 */
final class HistoryUpload implements AutoCloseable {
  private static final int MAX_PAYLOAD = 32 * 1024;
  /** Below Paho's own limit of 10 publishes in flight per client. */
  private static final int IN_FLIGHT = 8;
  /** 10 ms apart: a slot taken for 10 s is not the race below but a stuck client. */
  private static final int MAX_INFLIGHT_RETRIES = 1_000;

  private final MqttAsyncClient client;
  private final String prefix;
  private final Deque<IMqttToken> inFlight = new ArrayDeque<>();
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
  private String batchDevice;
  private long frames;

  HistoryUpload(String brokerUrl, String tenant, String hubId, String token) throws MqttException {
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
      inFlight.removeFirst().waitForCompletion(60_000);
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
      inFlight.removeFirst().waitForCompletion(60_000);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        inFlight.addLast(client.publish(topic, payload, 1, false));
        return;
      } catch (MqttException e) {
        // Paho completes a token before it frees the publish's in-flight slot: on a busy machine the
        // next publish can find the slot still taken (32202). Wait a moment; it is freed right after.
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= MAX_INFLIGHT_RETRIES) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() throws MqttException {
    try {
      Thread.sleep(10);
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
