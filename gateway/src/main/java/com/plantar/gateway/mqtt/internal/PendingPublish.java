package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.mqtt.PublishVerdict;

/**
 * An inbound PUBLISH waiting, in arrival order, for its interceptor's verdict. Owned by the
 * connection's event loop; {@link #verdict} is set there when the completion arrives.
 */
final class PendingPublish {

  final Message message;
  final int packetId;
  final long receivedNanos;
  PublishVerdict verdict;
  boolean aclDenied;

  PendingPublish(Message message, int packetId, long receivedNanos) {
    this.message = message;
    this.packetId = packetId;
    this.receivedNanos = receivedNanos;
  }
}
