package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalConfig;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.MessageType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint over several shards is a low watermark: a shard that is behind holds it back. */
class ShardedCheckpointTest {
  @TempDir Path dir;

  @Test
  void aStalledShardHoldsTheCheckpointWhileTheOtherGoesOnAndEachWearerStaysOnOneThread() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    // Each insole a wearer of its own, on different shards of two.
    String fast = firstNameOnShard(0);
    String slow = firstNameOnShard(1);
    WearerDirectory wearers = (tenant, device) -> new WearerRef(tenant, device == WalkFrames.LEFT ? fast : slow);
    int firstSlowData = IntStream.range(0, frames.size())
        .filter(i -> frames.get(i).deviceId() == WalkFrames.RIGHT && frames.get(i).type() == MessageType.DATA)
        .findFirst().orElseThrow();
    long lastFastData = IntStream.range(0, frames.size())
        .filter(i -> frames.get(i).deviceId() == WalkFrames.LEFT && frames.get(i).type() == MessageType.DATA)
        .max().orElseThrow();

    CountDownLatch release = new CountDownLatch(1);
    Map<String, Set<String>> threadsOfWearer = new ConcurrentHashMap<>();
    AtomicLong fastFrames = new AtomicLong();
    GaitOutput output = new GaitOutput() {
      @Override
      public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
          TimeQuality quality) {
        threadsOfWearer.computeIfAbsent(wearer.wearerId(), w -> ConcurrentHashMap.newKeySet())
            .add(Thread.currentThread().getName());
        if (wearer.wearerId().equals(slow)) {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        } else {
          fastFrames.incrementAndGet();
        }
      }
    };
    try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")));
        Journal context = Journal.open(JournalConfig.defaults(dir.resolve("context")));
        JournalProcessor running = new JournalProcessor(journal, context, wearers, output, GaitConfig.defaults(),
            new ProcessingConfig(2, frames.size(), Duration.ofMillis(20))).start()) {
      // Queues hold the whole walk: once a stalled shard's queue is full, the reader waits for it too.
      frames.forEach(journal::append);
      long fastDataFrames = frames.stream()
          .filter(f -> f.deviceId() == WalkFrames.LEFT && f.type() == MessageType.DATA).count();
      await().atMost(Duration.ofSeconds(20)).until(() -> fastFrames.get() == fastDataFrames);
      Thread.sleep(200); // several checkpoint intervals with one shard done and the other stalled

      assertThat(lastFastData).isGreaterThan(firstSlowData);
      assertThat(running.processedIndex()).isLessThanOrEqualTo(firstSlowData);
      assertThat(journal.checkpoint()).isLessThanOrEqualTo(firstSlowData);

      release.countDown();
      await().atMost(Duration.ofSeconds(20)).until(() -> journal.checkpoint() == frames.size());
      assertThat(running.counters().frames()).isEqualTo(frames.size());
    }
    assertThat(threadsOfWearer).containsOnlyKeys(fast, slow);
    assertThat(threadsOfWearer.get(fast)).hasSize(1);
    assertThat(threadsOfWearer.get(slow)).hasSize(1);
    assertThat(threadsOfWearer.get(fast)).doesNotContainAnyElementsOf(threadsOfWearer.get(slow));
  }

  private static String firstNameOnShard(int shard) {
    return IntStream.range(0, 100).mapToObj(i -> "wearer-" + i)
        .filter(name -> JournalProcessor.shardOf(new WearerRef("clinic", name), 2) == shard)
        .findFirst().orElseThrow();
  }
}
