package com.plantar.gateway.mqtt;

import java.nio.charset.StandardCharsets;
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

/** A Paho MQTT 5 client that collects what it receives and how it was disconnected. */
final class V5Client implements AutoCloseable {

  record Received(String topic, MqttMessage message) {
    String payload() {
      return new String(message.getPayload(), StandardCharsets.UTF_8);
    }
  }

  final MqttAsyncClient paho;
  final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  volatile MqttDisconnectResponse disconnect;
  /** When set, message callbacks (and so Paho's acknowledgements) wait for it. */
  volatile java.util.concurrent.CountDownLatch gate;
  IMqttToken connectToken;

  V5Client(String uri, String clientId) {
    try {
      paho = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
    paho.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse response) {
            disconnect = response;
          }

          @Override
          public void mqttErrorOccurred(MqttException exception) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            inbox.add(new Received(topic, message));
            java.util.concurrent.CountDownLatch waitFor = gate;
            if (waitFor != null) {
              waitFor.await(10, TimeUnit.SECONDS);
            }
          }

          @Override
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverURI) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
  }

  static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(sessionExpiry);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setKeepAliveInterval(30);
    return options;
  }

  static V5Client connect(String uri, String clientId) throws MqttException {
    return connect(uri, clientId, options(true, 0));
  }

  static V5Client connect(String uri, String clientId, MqttConnectionOptions options) throws MqttException {
    V5Client client = new V5Client(uri, clientId);
    client.connectToken = client.paho.connect(options);
    client.connectToken.waitForCompletion(5000);
    return client;
  }

  IMqttToken publish(String topic, String payload, int qos, boolean retained) throws MqttException {
    IMqttToken token = paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    token.waitForCompletion(5000);
    return token;
  }

  IMqttToken subscribe(String filter, int qos) throws MqttException {
    IMqttToken token = paho.subscribe(filter, qos);
    token.waitForCompletion(5000);
    return token;
  }

  Received next() throws InterruptedException {
    Received received = inbox.poll(5, TimeUnit.SECONDS);
    if (received == null) {
      throw new AssertionError("no message within 5 s");
    }
    return received;
  }

  @Override
  public void close() throws MqttException {
    if (paho.isConnected()) {
      paho.disconnect().waitForCompletion(2000);
    }
    paho.close(true);
  }
}
