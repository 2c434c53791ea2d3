package com.plantar.gateway.mqtt.internal;

/**
 * Counts one connection's refused publishes and subscriptions: {@value #LIMIT} within {@value
 * #WINDOW_SECONDS} s is abuse, and the connection is closed (v5 DISCONNECT 0x87), so that a
 * misbehaving or hostile client cannot probe the ACL at wire speed. Owned by the connection's event
 * loop; not thread-safe.
 */
final class DenialWindow {
  static final int LIMIT = 10;
  static final long WINDOW_SECONDS = 10;
  private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

  private final long[] times = new long[LIMIT];
  private int next;
  private int count;

  /** Records a denial at {@code nowNanos}; true when it makes {@value #LIMIT} within the window. */
  boolean record(long nowNanos) {
    times[next] = nowNanos;
    next = (next + 1) % LIMIT;
    count = Math.min(count + 1, LIMIT);
    // With the ring full, the slot to be overwritten next holds the oldest of the last LIMIT denials.
    return count == LIMIT && nowNanos - times[next] <= WINDOW_NANOS;
  }
}
