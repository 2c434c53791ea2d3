package com.plantar.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * A message the gateway publishes itself through {@link MqttServer#publish}: an ACK frame on
 * {@code .../ack}, a command on {@code .../cmd}, a {@code .../time/res} answer carrying the
 * request's correlation data.
 *
 * @param topic topic name (no wildcards)
 * @param payload the bytes (copied on publish)
 * @param qos 0, 1 or 2
 * @param retain whether the broker keeps it as the topic's retained message
 * @param correlationData v5 correlation data to send with it, or {@code null}
 */
public record ServerPublish(String topic, byte[] payload, int qos, boolean retain, byte[] correlationData) {

  public ServerPublish {
    if (!com.plantar.gateway.mqtt.internal.Topics.isValidName(topic)) {
      throw new IllegalArgumentException("not a valid topic name: " + topic);
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2");
    }
  }

  public static ServerPublish of(String topic, byte[] payload, int qos) {
    return new ServerPublish(topic, payload, qos, false, null);
  }

  List<MqttProperties.MqttProperty<?>> properties() {
    List<MqttProperties.MqttProperty<?>> properties = new ArrayList<>(1);
    if (correlationData != null) {
      properties.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, correlationData.clone()));
    }
    return properties;
  }
}
