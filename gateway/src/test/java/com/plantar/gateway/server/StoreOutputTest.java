package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gait.FootSide;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.DeviceIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreOutput}'s raw-sample batching against the embedded QuestDB store. */
class StoreOutputTest {
  private static final long T0 = (System.currentTimeMillis() - 3_600_000L) * 1000;
  private static final int SAMPLES = 25;
  private static final int CELLS = 16;
  private static final TimeRange ALL = new TimeRange(T0 - 3_600_000_000L, T0 + 3_600_000_000L);

  @TempDir Path dir;
  private TimeSeriesStore store;

  @BeforeEach
  void open() {
    store = TimeSeriesStores.open(StoreConfig.questDb(dir.resolve("store")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Frame {@code n} of {@code device} (25 samples, 10 ms apart, frames back to back). */
  private static void frame(StoreOutput output, WearerRef wearer, long device, int n) {
    long[] times = new long[SAMPLES];
    int[] counts = new int[SAMPLES * CELLS];
    for (int s = 0; s < SAMPLES; s++) {
      times[s] = T0 + (n * SAMPLES + s) * 10_000L;
      for (int c = 0; c < CELLS; c++) {
        counts[s * CELLS + c] = (n + s + c) % 4096;
      }
    }
    output.onSamples(wearer, device, FootSide.LEFT, times, counts, CELLS, TimeQuality.ANCHORED);
  }

  @Test
  void framesBelowTheLimitAreHeldAndTheFlushWritesThemInOneCommit() throws Exception {
    StoreOutput output = new StoreOutput(store);
    WearerRef a = new WearerRef("acme", "w-a");
    WearerRef b = new WearerRef("acme", "w-b");
    for (int n = 0; n < 100; n++) {
      frame(output, a, 0xA, n);
      frame(output, b, 0xB, n);
    }
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> store.stats().rowsCommitted() == 0);
    assertThat(store.stats().rowsCommitted()).isZero();

    output.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(store.stats().rowsCommitted()).isEqualTo(2 * 100 * SAMPLES);
    assertThat(store.stats().commits()).isEqualTo(1);
    assertThat(store.readRawSamples("acme", DeviceIds.toHex(0xA), ALL)).hasSize(100 * SAMPLES);
    assertThat(store.readRawSamples("acme", DeviceIds.toHex(0xB), ALL)).hasSize(100 * SAMPLES);
  }

  @Test
  void aThreadHoldingTheLimitWritesWithoutWaitingForAFlush() {
    StoreOutput output = new StoreOutput(store, 10 * SAMPLES);
    WearerRef a = new WearerRef("acme", "w-a");
    for (int n = 0; n < 25; n++) {
      frame(output, a, 0xA, n);
    }
    // Two full holds (10 frames each) written by the thread itself; the last 5 frames wait for a flush.
    await().atMost(Duration.ofSeconds(30)).until(() -> store.stats().rowsCommitted() == 20 * SAMPLES);
    assertThat(store.stats().commits()).isLessThanOrEqualTo(2);
  }

  /**
   * Two "shards" write frames, each counting a frame completed once handed over (as ProcessingShard
   * does), while a "reader" flushes over and over: after each flush, every frame counted before it
   * began is stored, whether the flush or the shard itself (at its limit) wrote it.
   */
  @Test
  void aFlushCoversEveryFrameHandedOverBeforeItWhileShardsKeepWriting() throws Exception {
    StoreOutput output = new StoreOutput(store, 7 * SAMPLES);
    int frames = 2_000;
    List<AtomicLong> completed = List.of(new AtomicLong(), new AtomicLong());
    List<Thread> shards = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      WearerRef wearer = new WearerRef("acme", "w-" + s);
      long device = 0x100 + s;
      AtomicLong done = completed.get(s);
      Thread shard = new Thread(() -> {
        for (int n = 0; n < frames; n++) {
          frame(output, wearer, device, n);
          done.set(n + 1);
          if (n % 10 == 0) {
            LockSupport.parkNanos(1_000_000); // about live pace, so that flushes interleave with writes
          }
        }
      });
      shard.start();
      shards.add(shard);
    }
    int checks = 0;
    while (checks < 8 || shards.stream().anyMatch(Thread::isAlive)) {
      long[] before = {completed.get(0).get(), completed.get(1).get()};
      output.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
      for (int s = 0; s < 2; s++) {
        assertThat(store.readRawSamples("acme", DeviceIds.toHex(0x100 + s), ALL).size())
            .as("rows of shard %d after a flush that began at %d frames", s, before[s])
            .isGreaterThanOrEqualTo((int) before[s] * SAMPLES);
      }
      checks++;
    }
    for (Thread shard : shards) {
      shard.join();
    }
    output.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(store.stats().rowsCommitted()).isEqualTo(2L * frames * SAMPLES);
  }

  /**
   * The store down for a while: the raw writes that fail keep their rows counted, so once the
   * in-flight bound is reached the shard waits (the journal would keep the rest) instead of piling
   * failed writes up in memory; when the store is back, the waiting shard writes them again itself
   * (no flush needed) and every sample is stored exactly once.
   */
  @Test
  void whileTheStoreIsDownFailedRawWritesHoldTheShardInsteadOfPilingUp() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    TimeSeriesStore flaky = (TimeSeriesStore) java.lang.reflect.Proxy.newProxyInstance(
        TimeSeriesStore.class.getClassLoader(), new Class<?>[] {TimeSeriesStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("writeRawSamples") && down.get()) {
            return java.util.concurrent.CompletableFuture.failedFuture(new com.plantar.gateway.store.StoreException(
                com.plantar.gateway.store.StoreException.Reason.WRITE_FAILED, "store down (test)"));
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    // A write every 4 frames (100 rows); at most 8 writes (800 rows) uncommitted.
    StoreOutput output = new StoreOutput(flaky, 4 * SAMPLES);
    WearerRef a = new WearerRef("acme", "w-a");
    int frames = 200;
    java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
    Thread shard = new Thread(() -> {
      for (int n = 0; n < frames; n++) {
        frame(output, a, 0xA, n);
        handed.incrementAndGet();
      }
    }, "test-shard");
    shard.start();

    // 8 failed writes (32 frames), 3 more frames held, and the 36th frame's write waits.
    await().atMost(Duration.ofSeconds(20)).until(() -> handed.get() == 35);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> handed.get() == 35);
    assertThat(handed.get()).as("the shard waits while the store is down").isEqualTo(35);
    assertThat(shard.isAlive()).isTrue();

    down.set(false);
    shard.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(handed.get()).isEqualTo(frames);
    output.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(store.readRawSamples("acme", DeviceIds.toHex(0xA), ALL)).hasSize(frames * SAMPLES);
  }
}
