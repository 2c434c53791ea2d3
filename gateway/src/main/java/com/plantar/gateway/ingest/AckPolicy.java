package com.plantar.gateway.ingest;

import java.time.Duration;

/**
 * When owed ACKs go out (PROTOCOL.md §9.1): after {@code maxFrames} newly durable frames of a device,
 * or {@code maxDelay} after the first of them, whichever comes first.
 */
public record AckPolicy(int maxFrames, Duration maxDelay) {
  public static final AckPolicy DEFAULT = new AckPolicy(64, Duration.ofSeconds(1));

  public AckPolicy {
    if (maxFrames < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
      throw new IllegalArgumentException("ACK policy needs maxFrames ≥ 1 and a positive delay");
    }
  }
}
