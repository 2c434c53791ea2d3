package com.plantar.gateway.ingest;

/**
 * Messages from the gateway to devices (ACK/NACK on {@code ack}, TIME_RES on {@code time/res}),
 * handed to the MQTT layer for delivery. Thread-safe; must not block; delivery is the broker's
 * business (QoS 1 for acks survives a reconnect through the session, QoS 0 for time responses).
 */
public interface DeviceOutbox {
  void publish(String topic, byte[] payload, int qos);
}
