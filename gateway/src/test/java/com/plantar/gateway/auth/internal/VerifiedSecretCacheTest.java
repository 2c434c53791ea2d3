package com.plantar.gateway.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedSecretCacheTest {

  private final AtomicLong now = new AtomicLong();
  private final VerifiedSecretCache cache = new VerifiedSecretCache(2, Duration.ofMinutes(10), now::get);

  @Test
  void answersOnlyForTheSameIdentitySecretAndStoredHash() {
    cache.remember("dev", "digest-1", "hash-1", true);

    assertThat(cache.lookup("dev", "digest-1", "hash-1")).contains(true);
    assertThat(cache.lookup("dev", "digest-2", "hash-1")).isEmpty();
    assertThat(cache.lookup("other", "digest-1", "hash-1")).isEmpty();
  }

  @Test
  void aNewStoredHashInvalidatesTheEntry() {
    cache.remember("dev", "digest-1", "hash-1", true);

    assertThat(cache.lookup("dev", "digest-1", "hash-2")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void entriesExpireAfterTheirTimeToLive() {
    cache.remember("dev", "digest-1", "hash-1", false);
    now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
    assertThat(cache.lookup("dev", "digest-1", "hash-1")).contains(false);

    now.incrementAndGet();
    assertThat(cache.lookup("dev", "digest-1", "hash-1")).isEmpty();
  }

  @Test
  void staysWithinItsBoundDroppingTheLeastRecentlyUsed() {
    cache.remember("a", "d", "h", true);
    cache.remember("b", "d", "h", true);
    cache.lookup("a", "d", "h");
    cache.remember("c", "d", "h", true);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.lookup("b", "d", "h")).isEmpty();
    assertThat(cache.lookup("a", "d", "h")).contains(true);
    assertThat(cache.lookup("c", "d", "h")).contains(true);
  }
}
