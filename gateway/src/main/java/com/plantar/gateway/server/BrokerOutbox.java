package com.plantar.gateway.server;

import com.plantar.gateway.ingest.DeviceOutbox;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.ServerPublish;

/**
 * ACKs and time responses into the broker. The broker needs the ingest path (its interceptor) and
 * the ingest path needs the broker (this outbox), so the broker is attached once, right after it is
 * built and before it accepts connections; no publish can arrive earlier.
 */
final class BrokerOutbox implements DeviceOutbox {
  private volatile MqttServer broker;

  void attach(MqttServer server) {
    if (broker != null) {
      throw new IllegalStateException("outbox already attached");
    }
    broker = server;
  }

  @Override
  public void publish(String topic, byte[] payload, int qos) {
    // After the broker has closed, a late ACK is dropped there: it costs the device only a resend.
    broker.publish(ServerPublish.of(topic, payload, qos));
  }
}
