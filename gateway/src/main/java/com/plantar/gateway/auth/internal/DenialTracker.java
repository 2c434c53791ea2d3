package com.plantar.gateway.auth.internal;

import com.plantar.gateway.auth.AclDecision;
import java.util.Objects;

/**
 * Counts one connection's ACL denials against a {@link DenialPolicy}. It has no clock: the broker
 * passes a monotonic time in nanoseconds (e.g. {@code ctx.executor().ticker().nanoTime()}), so tests
 * and the event loop decide what time it is.
 *
 * <p>Not thread-safe: owned by the connection's event-loop thread.
 */
public final class DenialTracker {

  /** What the broker should do after a denial. */
  public enum Verdict {
    /** Answer the denial (PUBACK/SUBACK reason code) and keep the connection. */
    CONTINUE,
    /** Answer and disconnect: the policy's limit is reached. */
    DISCONNECT
  }

  private final DenialPolicy policy;
  private final AuthCounters counters;
  /** Times of the last {@code maxDenials} denials, a ring; {@code next} is the oldest once full. */
  private final long[] times;
  private int recorded;
  private int next;
  private boolean disconnected;

  DenialTracker(DenialPolicy policy, AuthCounters counters) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.times = new long[policy.maxDenials()];
  }

  /**
   * Records one denial at {@code nowNanos} (counted in {@link AuthCounters}) and says whether the
   * connection should now be dropped: when this denial and the {@code maxDenials - 1} before it all fall
   * within the policy's window.
   *
   * @throws IllegalArgumentException for {@link AclDecision#ALLOW}, which is not a denial
   */
  public Verdict recordDenial(AclDecision decision, long nowNanos) {
    if (decision.allowed()) {
      throw new IllegalArgumentException("ALLOW is not a denial");
    }
    counters.recordAclDenial(decision);
    times[next] = nowNanos;
    next = (next + 1) % times.length;
    recorded = Math.min(recorded + 1, times.length);
    // Once the ring is full, times[next] is the oldest of the last maxDenials denials.
    boolean abusive = recorded == times.length && nowNanos - times[next] < policy.window().toNanos();
    if (!abusive) {
      return Verdict.CONTINUE;
    }
    if (!disconnected) {
      disconnected = true;
      counters.recordAbuseDisconnect();
    }
    return Verdict.DISCONNECT;
  }
}
