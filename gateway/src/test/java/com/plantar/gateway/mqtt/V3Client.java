package com.plantar.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho MQTT 3.1.1 client that collects what it receives. */
final class V3Client implements AutoCloseable {

  record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {}

  final MqttClient paho;
  final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  volatile Throwable connectionLost;

  V3Client(String uri, String clientId) {
    try {
      paho = new MqttClient(uri, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
    paho.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {
            connectionLost = cause;
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            inbox.add(
                new Received(
                    topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(),
                    message.isRetained(),
                    message.isDuplicate()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
  }

  static MqttConnectOptions options(boolean cleanSession) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(cleanSession);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setKeepAliveInterval(30);
    // Paho completes a publish before it frees its in-flight slot (paho.mqtt.java#551); a window
    // far above what a test sends keeps that race from failing sequential publishes.
    options.setMaxInflight(1000);
    return options;
  }

  static V3Client connect(String uri, String clientId) throws MqttException {
    return connect(uri, clientId, options(true));
  }

  static V3Client connect(String uri, String clientId, MqttConnectOptions options) throws MqttException {
    V3Client client = new V3Client(uri, clientId);
    client.paho.connect(options);
    return client;
  }

  void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
    paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
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
      paho.disconnect(1000);
    }
    paho.close(true);
  }
}
