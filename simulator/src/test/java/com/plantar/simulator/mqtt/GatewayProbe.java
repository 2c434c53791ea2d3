package com.plantar.simulator.mqtt;

import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.TimeResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Plays the gateway's role in tests with a Paho client: records every message under the tenant,
 * answers TIME_REQ at once, and sends ACK/NACK frames.
 */
final class GatewayProbe implements AutoCloseable {
  record Received(String topic, byte[] payload, boolean retained) {
    String suffix() {
      String[] parts = topic.split("/", 5);
      return parts[4];
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final MqttAsyncClient client;
  private final FrameEncoder encoder = new FrameEncoder();

  GatewayProbe(String url, String tenant, String clientId) throws MqttException {
    // Asynchronous, so that answering from inside a message callback never blocks it.
    client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
      @Override
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) throws MqttException {
        onMessage(topic, message);
      }

      @Override
      public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
      }

      @Override
      public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
      }
    });
    client.connect(options).waitForCompletion(5000);
    client.subscribe("insole/v1/" + tenant + "/+/#", 1).waitForCompletion(5000);
  }

  private synchronized void onMessage(String topic, MqttMessage message) throws MqttException {
    byte[] payload = message.getPayload();
    received.add(new Received(topic, payload, message.isRetained()));
    if (topic.endsWith("/time/req")) {
      FrameView view = new FrameView();
      if (new FrameDecoder().decode(payload, 0, payload.length, view).isOk()
          && view.type() == MessageType.TIME_REQ) {
        long t1 = System.currentTimeMillis() * 1000;
        byte[] response = encoder.encode(new TimeResponse(new FrameHeader(0, view.deviceId(), view.bootId()),
            view.requestId(), view.t0MonoUs(), t1, t1 + 50));
        String target = message.getProperties().getResponseTopic();
        client.publish(target == null ? topic.replace("/time/req", "/time/res") : target,
            response, 0, false);
      }
    }
  }

  void send(String topic, byte[] frame) throws MqttException {
    client.publish(topic, frame, 1, false).waitForCompletion(5000);
  }

  List<Received> on(String suffix) {
    return received.stream().filter(r -> r.suffix().equals(suffix)).toList();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5000);
    client.close();
  }
}
