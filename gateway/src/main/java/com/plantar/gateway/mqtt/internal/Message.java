package com.plantar.gateway.mqtt.internal;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.List;

/**
 * An application message on its way through the broker: immutable and shared by every loop and
 * subscriber it is delivered to (the payload array is never modified after construction).
 *
 * @param topic topic name
 * @param payload payload bytes (owned by this message; never modified)
 * @param qos the QoS it was published with
 * @param retain the RETAIN flag it was published with
 * @param publisherId client id of the publisher ({@code null} for none), for no-local
 * @param forwarded v5 properties passed to subscribers unchanged (payload format, content type,
 *     response topic, correlation data, user properties)
 * @param expiresAtNanos {@link System#nanoTime()} deadline from the message expiry interval, or
 *     {@link #NEVER}
 */
record Message(
    String topic,
    byte[] payload,
    int qos,
    boolean retain,
    String publisherId,
    List<MqttProperties.MqttProperty<?>> forwarded,
    long expiresAtNanos) {

  static final long NEVER = Long.MAX_VALUE;

  private static final int[] FORWARDED_PROPERTY_IDS = {
    MqttProperties.PAYLOAD_FORMAT_INDICATOR,
    MqttProperties.CONTENT_TYPE,
    MqttProperties.RESPONSE_TOPIC,
    MqttProperties.CORRELATION_DATA,
    MqttProperties.USER_PROPERTY
  };

  /** The properties of an inbound PUBLISH (or will) that subscribers receive unchanged. */
  @SuppressWarnings("unchecked")
  static List<MqttProperties.MqttProperty<?>> forwardedProperties(MqttProperties properties) {
    if (properties == null || properties.isEmpty()) {
      return List.of();
    }
    List<MqttProperties.MqttProperty<?>> kept = new java.util.ArrayList<>(2);
    for (int id : FORWARDED_PROPERTY_IDS) {
      for (MqttProperties.MqttProperty<?> property : properties.getProperties(id)) {
        kept.add(property);
      }
    }
    return List.copyOf(kept);
  }

  /** The expiry deadline for a message expiry interval in seconds, if the property is present. */
  static long expiryDeadline(MqttProperties properties, long nowNanos) {
    if (properties == null) {
      return NEVER;
    }
    MqttProperties.MqttProperty<?> expiry =
        properties.getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
    if (expiry == null) {
      return NEVER;
    }
    long seconds = Integer.toUnsignedLong((Integer) expiry.value());
    return nowNanos + seconds * 1_000_000_000L;
  }

  boolean expired(long nowNanos) {
    return expiresAtNanos != NEVER && nowNanos - expiresAtNanos >= 0;
  }

  /** Seconds of expiry interval left, rounded up, for the forwarded PUBLISH. */
  long remainingExpirySeconds(long nowNanos) {
    long left = expiresAtNanos - nowNanos;
    return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }

  Message withRetain(boolean newRetain) {
    return newRetain == retain
        ? this
        : new Message(topic, payload, qos, newRetain, publisherId, forwarded, expiresAtNanos);
  }
}
