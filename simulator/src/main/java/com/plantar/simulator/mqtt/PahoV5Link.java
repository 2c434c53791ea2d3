package com.plantar.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho MQTT 5 client: clean start, no automatic reconnect (the device decides), a will on {@code state}. */
final class PahoV5Link implements MqttLink {
  private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

  private final ConnectionSettings settings;
  private final String clientId;
  private final String willTopic;
  private MqttAsyncClient client;

  PahoV5Link(ConnectionSettings settings, String clientId, String willTopic) {
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
        public void disconnected(MqttDisconnectResponse response) {
          listener.lost(response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
          listener.lost(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          listener.message(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
      });
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      options.setKeepAliveInterval(30);
      if (settings.username() != null) {
        options.setUserName(settings.username());
      }
      if (settings.password() != null) {
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
      }
      MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null);
      options.setWill(willTopic, will);
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          MqttProperties response = token.getResponseProperties();
          Integer receiveMaximum = response == null ? null : response.getReceiveMaximum();
          listener.connected(receiveMaximum == null ? DEFAULT_RECEIVE_MAXIMUM : receiveMaximum);
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
    MqttProperties properties = new MqttProperties();
    if (expirySeconds > 0) {
      properties.setMessageExpiryInterval(expirySeconds);
    }
    if (responseTopic != null) {
      properties.setResponseTopic(responseTopic);
      properties.setCorrelationData(correlation);
    }
    MqttMessage message = new MqttMessage(payload, qos, retain, properties);
    client.publish(topic, message, null, new MqttActionListener() {
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
