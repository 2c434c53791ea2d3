package com.plantar.gateway.ingest;

import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.MessageType;

/**
 * Counters of the ingest path (no per-device tags). Called on I/O and shard threads: implementations
 * must be thread-safe, fast, and never throw.
 */
public interface IngestMetrics {
  IngestMetrics NOOP = new IngestMetrics() {};

  default void frameAccepted(MessageType type) {}

  default void frameRejected(DecodeStatus reason) {}

  default void publishRefused(IngestVerdict verdict) {}

  default void duplicateDropped() {}

  default void beyondWindow() {}

  /** A live frame arrived after a later one of its device (frames shared across gateways?). */
  default void liveOutOfOrder() {}

  default void ackSent() {}

  default void nackSent(int frames) {}

  default void unknownExtensionsOrBlocks(int count) {}

  /** Time from a publish's arrival to all its frames being durable. */
  default void publishToDurableNanos(long nanos) {}
}
