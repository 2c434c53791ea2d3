package com.plantar.gateway.metrics;

/**
 * What the gateway counts. Implementations must be thread-safe, fast and never throw: they are
 * called from Netty event loops and session loops. Tag values come from small fixed sets (packet
 * types, {@link Rejection} reasons); there are no per-device tags.
 */
public interface GatewayMetrics {

  /** Counts nothing; for tests and tools that do not export metrics. */
  GatewayMetrics NOOP = new GatewayMetrics() {};

  default void connectionOpened(String listener) {}

  default void connectionClosed(String listener) {}

  /** An MQTT packet was decoded, by MQTT packet type (e.g. {@code PUBLISH}). */
  default void packetIn(String type) {}

  default void packetOut(String type) {}

  default void bytesIn(long bytes) {}

  default void bytesOut(long bytes) {}

  /** An inbound PUBLISH was accepted (by its interceptor, or by default) and routed. */
  default void publishAccepted() {}

  /** A packet or connection was refused; every refusal is counted once. */
  default void rejected(Rejection reason) {}

  /** The security port refused a publish or subscription ({@code publish} or {@code subscribe}). */
  default void aclDenied(String action) {}

  /** An outbound message was dropped before delivery, e.g. {@code queue_full} or {@code expired}. */
  default void messageDropped(String reason) {}

  /** Outbound QoS 1/2 messages awaiting acknowledgement changed by {@code delta}. */
  default void inflightChanged(int delta) {}

  /** Messages held in per-client outbound queues changed by {@code delta}. */
  default void queuedChanged(int delta) {}

  /** Inbound publishes waiting for their completion changed by {@code delta}. */
  default void pendingCompletionsChanged(int delta) {}

  /** Time from receiving a QoS 1/2 PUBLISH to writing its PUBACK/PUBREC. */
  default void publishToAck(long nanos) {}
}
