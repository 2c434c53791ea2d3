package com.plantar.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho MQTT 3.1.1 client: clean session, no automatic reconnect, a will on {@code state}. MQTT 3
 * announces no receive maximum, so the configured bound is used.
 */
final class PahoV3Link implements MqttLink {
  private static final int PAHO_MAX_INFLIGHT = 1000;

  private final ConnectionSettings settings;
  private final String clientId;
  private final String willTopic;
  private MqttAsyncClient client;

  PahoV3Link(ConnectionSettings settings, String clientId, String willTopic) {
    this.settings = settings;
    this.clientId = clientId;
    this.willTopic = willTopic;
  }

  @Override
  public void connect(Listener listener) {
    try {
      client = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          listener.lost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          listener.message(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
      });
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setCleanSession(true);
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      options.setKeepAliveInterval(30);
      // Live frames are QoS 0 but Paho counts them too; the device's own window bounds QoS 1.
      options.setMaxInflight(PAHO_MAX_INFLIGHT);
      if (settings.username() != null) {
        options.setUserName(settings.username());
      }
      if (settings.password() != null) {
        options.setPassword(settings.password().toCharArray());
      }
      options.setWill(willTopic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
      client.connect(options, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          listener.connected(settings.maxInFlight());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          listener.connectFailed(cause);
        }
      });
    } catch (MqttException e) {
      listener.connectFailed(e);
    }
  }

  @Override
  public void subscribe(String[] topics) {
    int[] qos = new int[topics.length];
    java.util.Arrays.fill(qos, 1);
    try {
      client.subscribe(topics, qos);
    } catch (MqttException e) {
      throw new IllegalStateException("subscribe failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retain, long expirySeconds,
      String responseTopic, byte[] correlation, Runnable done, Runnable failed) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    message.setRetained(retain);
    client.publish(topic, message, null, new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        done.run();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable cause) {
        failed.run();
      }
    });
  }

  @Override
  public void close() {
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    try {
      if (c.isConnected()) {
        // DISCONNECT (so no will) after a short quiesce for publishes under way.
        c.disconnect(100).waitForCompletion(2000);
      }
    } catch (MqttException ignored) {
      // Closing anyway.
    }
    try {
      c.close(true);
    } catch (MqttException ignored) {
      // Nothing more to release.
    }
  }

  @Override
  public void drop() {
    MqttAsyncClient c = client;
    if (c == null) {
      return;
    }
    try {
      c.disconnectForcibly(0, 1000, false);
    } catch (MqttException ignored) {
      // Already gone.
    }
    try {
      c.close(true);
    } catch (MqttException ignored) {
      // Nothing more to release.
    }
  }
}
