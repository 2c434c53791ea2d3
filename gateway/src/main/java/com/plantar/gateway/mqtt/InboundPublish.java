package com.plantar.gateway.mqtt;

import java.nio.ByteBuffer;

/**
 * An inbound PUBLISH as shown to a {@link PublishInterceptor}. The payload is a read-only view of
 * an array the broker owns; it stays valid after the interceptor returns (copy nothing to keep it).
 *
 * @param client who published
 * @param topic the topic name (topic aliases already resolved)
 * @param qos 0, 1 or 2
 * @param retain the RETAIN flag
 * @param payload read-only payload bytes
 * @param receivedNanos {@link System#nanoTime()} when the packet was decoded
 */
public record InboundPublish(
    ClientIdentity client,
    String topic,
    int qos,
    boolean retain,
    ByteBuffer payload,
    long receivedNanos) {}
