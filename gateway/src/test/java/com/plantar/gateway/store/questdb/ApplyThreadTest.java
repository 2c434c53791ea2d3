package com.plantar.gateway.store.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A read waits for an apply that started after it asked (one already running may have missed the
 * commits before the read), commits are applied at most once per interval, and a failed apply reaches
 * the read that waited for it.
 */
class ApplyThreadTest {
  private static final long ONE_HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

  @Test
  void aReadWaitsForAnApplyStartedAfterItAskedAndCommitsApplyAtMostOncePerInterval() throws Exception {
    AtomicInteger applies = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Runnable apply = () -> {
      if (applies.incrementAndGet() == 1) {
        firstStarted.countDown();
        try {
          releaseFirst.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (ApplyThread thread = new ApplyThread("test-apply", ONE_HOUR_NANOS, apply)) {
      thread.start();
      thread.committed(1);
      assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> read = CompletableFuture.runAsync(thread::applyAndWait);
      await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
      releaseFirst.countDown();
      read.get(10, TimeUnit.SECONDS);
      assertThat(applies.get()).isEqualTo(2);

      thread.committed(1);
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> applies.get() == 2);
    }
  }

  @Test
  void aFailedApplyReachesTheReadThatWaitedForIt() {
    try (ApplyThread thread = new ApplyThread("test-apply", ONE_HOUR_NANOS, () -> {
      throw new IllegalStateException("QuestDB suspended table raw_samples");
    })) {
      thread.start();
      assertThatThrownBy(thread::applyAndWait).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("suspended");
    }
  }
}
