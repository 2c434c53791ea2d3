package com.plantar.gateway.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
  private final AtomicLong now = new AtomicLong();
  private final LoginLimiter limiter = new LoginLimiter(new LoginLimiter.Limits(3, 5, Duration.ofMinutes(5)), now::get);

  @Test
  void aUserNameIsLockedAfterItsFailuresUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAttempt("ana", "10.0.0." + i)).isZero();
      limiter.failed("ana");
      now.addAndGet(Duration.ofSeconds(10).toNanos());
    }
    long wait = limiter.tryAttempt("ana", "10.0.0.9");
    assertThat(wait).isEqualTo(300 - 30);
    assertThat(limiter.tryAttempt("bob", "10.0.0.9")).isZero();
    now.addAndGet(Duration.ofSeconds(wait).toNanos());
    assertThat(limiter.tryAttempt("ana", "10.0.0.9")).isZero();
  }

  @Test
  void anAddressIsLimitedAcrossUserNamesAndSuccessClearsOnlyTheUsersFailures() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAttempt("user" + i, "192.0.2.1")).isZero();
    }
    assertThat(limiter.tryAttempt("user9", "192.0.2.1")).isPositive();
    assertThat(limiter.tryAttempt("user9", "192.0.2.2")).isZero();
    limiter.failed("carl");
    limiter.failed("carl");
    limiter.succeeded("carl");
    limiter.failed("carl");
    assertThat(limiter.tryAttempt("carl", "192.0.2.3")).isZero();
  }
}
