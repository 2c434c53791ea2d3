package com.plantar.gateway.server;

import com.plantar.gateway.ingest.DeviceOutbox;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.ServerPublish;
import java.util.concurrent.RejectedExecutionException;

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
    try {
      broker.publish(ServerPublish.of(topic, payload, qos));
    } catch (RejectedExecutionException e) {
      // The broker has shut down: a late ACK is lost, which costs the device only a resend.
    }
  }
}
