package com.plantar.gateway.auth.internal;

import com.plantar.gateway.auth.AclDecision;
import com.plantar.gateway.auth.AuthFailure;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of authentication and ACL outcomes, for the metrics registry to read (each getter is a
 * monotonic counter). Thread-safe: {@link LongAdder}s, written from any thread.
 */
public final class AuthCounters {

  private final LongAdder allowed = new LongAdder();
  private final Map<AuthFailure, LongAdder> refused = new EnumMap<>(AuthFailure.class);
  private final LongAdder slowHashChecks = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final Map<AclDecision, LongAdder> aclDenials = new EnumMap<>(AclDecision.class);
  private final LongAdder abuseDisconnects = new LongAdder();

  public AuthCounters() {
    for (AuthFailure f : AuthFailure.values()) {
      refused.put(f, new LongAdder());
    }
    for (AclDecision d : AclDecision.values()) {
      if (!d.allowed()) {
        aclDenials.put(d, new LongAdder());
      }
    }
  }

  /** CONNECTs accepted. */
  public long allowed() {
    return allowed.sum();
  }

  /** CONNECTs refused for {@code reason}. */
  public long refused(AuthFailure reason) {
    return refused.get(reason).sum();
  }

  /** PBKDF2 verifications actually run (cache misses on a well-formed token). */
  public long slowHashChecks() {
    return slowHashChecks.sum();
  }

  /** Token checks answered from the verified-secret cache. */
  public long cacheHits() {
    return cacheHits.sum();
  }

  /** PUBLISH/SUBSCRIBE denials reported with {@code decision}. */
  public long aclDenials(AclDecision decision) {
    LongAdder adder = aclDenials.get(decision);
    return adder == null ? 0 : adder.sum();
  }

  /** Connections a {@link DenialTracker} told the broker to drop. */
  public long abuseDisconnects() {
    return abuseDisconnects.sum();
  }

  void recordAllowed() {
    allowed.increment();
  }

  void recordRefused(AuthFailure reason) {
    refused.get(reason).increment();
  }

  void recordSlowHashCheck() {
    slowHashChecks.increment();
  }

  void recordCacheHit() {
    cacheHits.increment();
  }

  void recordAclDenial(AclDecision decision) {
    aclDenials.get(decision).increment();
  }

  void recordAbuseDisconnect() {
    abuseDisconnects.increment();
  }
}
