package com.plantar.gateway.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.auth.AclDecision;
import com.plantar.gateway.auth.internal.DenialTracker.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DenialTrackerTest {

  private static final long SECOND = 1_000_000_000L;

  private final AuthCounters counters = new AuthCounters();
  private final DenialTracker tracker = new DenialPolicy(3, Duration.ofSeconds(10)).newTracker(counters);

  @Test
  void disconnectsAtTheNthDenialWithinTheWindow() {
    assertThat(tracker.recordDenial(AclDecision.DENY_NOT_OWN_PREFIX, 0)).isEqualTo(Verdict.CONTINUE);
    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, 1 * SECOND)).isEqualTo(Verdict.CONTINUE);
    assertThat(tracker.recordDenial(AclDecision.DENY_NOT_OWN_PREFIX, 2 * SECOND)).isEqualTo(Verdict.DISCONNECT);

    assertThat(counters.aclDenials(AclDecision.DENY_NOT_OWN_PREFIX)).isEqualTo(2);
    assertThat(counters.aclDenials(AclDecision.DENY_WILDCARD)).isEqualTo(1);
    assertThat(counters.abuseDisconnects()).isEqualTo(1);
  }

  @Test
  void denialsSpreadWiderThanTheWindowNeverDisconnect() {
    for (int i = 0; i < 20; i++) {
      assertThat(tracker.recordDenial(AclDecision.DENY_WRONG_DIRECTION, i * 5 * SECOND)).isEqualTo(Verdict.CONTINUE);
    }
    assertThat(counters.aclDenials(AclDecision.DENY_WRONG_DIRECTION)).isEqualTo(20);
    assertThat(counters.abuseDisconnects()).isZero();
  }

  @Test
  void theWindowIsHalfOpen() {
    tracker.recordDenial(AclDecision.DENY_WILDCARD, 0);
    tracker.recordDenial(AclDecision.DENY_WILDCARD, 5 * SECOND);

    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, 10 * SECOND)).isEqualTo(Verdict.CONTINUE);
    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, 10 * SECOND + 1)).isEqualTo(Verdict.DISCONNECT);
  }

  @Test
  void aLaterBurstStillDisconnectsAfterQuietDenials() {
    tracker.recordDenial(AclDecision.DENY_WILDCARD, 0);
    tracker.recordDenial(AclDecision.DENY_WILDCARD, 30 * SECOND);
    tracker.recordDenial(AclDecision.DENY_WILDCARD, 60 * SECOND);

    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, 61 * SECOND)).isEqualTo(Verdict.CONTINUE);
    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, 62 * SECOND)).isEqualTo(Verdict.DISCONNECT);
  }

  @Test
  void countsOneAbuseDisconnectPerConnection() {
    for (int i = 0; i < 5; i++) {
      tracker.recordDenial(AclDecision.DENY_MALFORMED_TOPIC, i);
    }
    assertThat(tracker.recordDenial(AclDecision.DENY_MALFORMED_TOPIC, 6)).isEqualTo(Verdict.DISCONNECT);
    assertThat(counters.abuseDisconnects()).isEqualTo(1);
  }

  @Test
  void worksAcrossTheWrapOfTheNanosecondTicker() {
    long start = Long.MAX_VALUE - SECOND;
    tracker.recordDenial(AclDecision.DENY_WILDCARD, start);
    tracker.recordDenial(AclDecision.DENY_WILDCARD, start + SECOND);

    assertThat(tracker.recordDenial(AclDecision.DENY_WILDCARD, start + 2 * SECOND)).isEqualTo(Verdict.DISCONNECT);
  }

  @Test
  void aPolicyOfOneDisconnectsAtTheFirstDenial() {
    DenialTracker strict = new DenialPolicy(1, Duration.ofSeconds(1)).newTracker(counters);
    assertThat(strict.recordDenial(AclDecision.DENY_WILDCARD, 0)).isEqualTo(Verdict.DISCONNECT);
  }

  @Test
  void allowIsNotADenial() {
    assertThatThrownBy(() -> tracker.recordDenial(AclDecision.ALLOW, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(counters.abuseDisconnects()).isZero();
  }

  @Test
  void refusesPoliciesThatCannotWork() {
    assertThatThrownBy(() -> new DenialPolicy(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DenialPolicy(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DenialPolicy(3, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
