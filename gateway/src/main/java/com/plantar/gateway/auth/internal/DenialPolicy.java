package com.plantar.gateway.auth.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * When repeated ACL denials mean abuse: {@code maxDenials} denials within {@code window} on one
 * connection, and the broker disconnects it (v5 DISCONNECT 0x87 Not authorized; v3: close). The
 * broker keeps one {@link DenialTracker} per connection. Immutable.
 */
public record DenialPolicy(int maxDenials, Duration window) {

  /** Ten denials within ten seconds: a misconfigured device notices, a probing one is cut off. */
  public static final DenialPolicy DEFAULT = new DenialPolicy(10, Duration.ofSeconds(10));

  public DenialPolicy {
    Objects.requireNonNull(window, "window");
    if (maxDenials < 1 || maxDenials > 10_000) {
      throw new IllegalArgumentException("maxDenials out of range [1, 10000]: " + maxDenials);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
  }

  /** A fresh tracker for one new connection, reporting to {@code counters}. */
  public DenialTracker newTracker(AuthCounters counters) {
    return new DenialTracker(this, counters);
  }
}
