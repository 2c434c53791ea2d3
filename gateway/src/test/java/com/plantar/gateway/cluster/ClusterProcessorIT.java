package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.Stride;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.FrameProcessor;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.processing.WearerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code plantar process}'s consumer group against a real (in-process, KRaft) Kafka: frames produced
 * by the edge's sink become exactly the strides a single-node run computes over the same walk, also
 * when the processor is stopped halfway and a new one (same static member id) takes over: it
 * restores the insoles from the context topic, replays the window below the committed offset
 * without emitting, and then emits only what was not emitted before.
 */
class ClusterProcessorIT {
  private static final WearerRef PAIR = new WearerRef("clinic", "phone-ann");

  @Test
  // Kafka's test kit builds certificates and starts KRaft: seconds when idle, minutes on a shared 2-core machine.
  @Timeout(300)
  void framesBecomeTheSingleNodeStridesExactlyOnceAcrossAProcessorRestart() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    List<Stride> reference = singleNodeStrides(frames);
    assertThat(reference).hasSizeGreaterThan(100);
    int half = frames.size() / 2;
    List<Stride> strides = new CopyOnWriteArrayList<>();
    try (KafkaTestCluster cluster = KafkaTestCluster.start(1)) {
      KafkaConfig kafka = cluster.config("proc", 4);
      KafkaTopics.ensure(kafka);
      try (KafkaFrameLog log = new KafkaFrameLog(kafka, (tenant, device) -> PAIR, "test-edge")) {
        produce(log, frames.subList(0, half));
        try (ClusterProcessor first = processor(kafka, strides)) {
          await().atMost(Duration.ofSeconds(120)).until(() -> first.counters().processed() == half);
        }
        assertThat(strides).as("the first processor stored strides").isNotEmpty();
        produce(log, frames.subList(half, frames.size()));
        try (ClusterProcessor second = processor(kafka, strides)) {
          await().atMost(Duration.ofSeconds(120)).until(() -> second.counters().processed() == frames.size() - half);
          assertThat(second.counters().replayed()).as("rebuilt from the window before the commit").isPositive();
          assertThat(second.counters().duplicates()).isZero();
          assertThat(second.counters().outOfOrder()).isZero();
          assertThat(second.counters().foreign()).isZero();
        }
      }
    }
    assertThat(strides).containsExactlyElementsOf(reference);
  }

  private static ClusterProcessor processor(KafkaConfig kafka, List<Stride> strides) {
    GaitOutput output = new GaitOutput() {
      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        assertThat(wearer).isEqualTo(PAIR);
        strides.add(stride);
      }
    };
    return new ClusterProcessor(kafka, 2, "test-processor", () -> output, LiveTap.NONE, GaitConfig.defaults(),
        Duration.ofMillis(200)).start();
  }

  private static void produce(KafkaFrameLog log, List<AcceptedFrame> frames) {
    CompletableFuture.allOf(frames.stream().map(f -> log.append(f).toCompletableFuture())
        .toArray(CompletableFuture[]::new)).join();
  }

  /** What single-node mode computes: one processor over the frames in order. */
  private static List<Stride> singleNodeStrides(List<AcceptedFrame> frames) {
    List<Stride> strides = new java.util.ArrayList<>();
    FrameProcessor processor = new FrameProcessor(new GaitOutput() {
      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        strides.add(stride);
      }
    }, GaitConfig.defaults());
    frames.forEach(frame -> processor.process(frame, PAIR));
    return strides;
  }
}
