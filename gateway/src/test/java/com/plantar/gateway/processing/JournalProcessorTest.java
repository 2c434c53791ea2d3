package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.Stride;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalProcessorTest {
  private static final ProcessingConfig CONFIG = new ProcessingConfig(2, 1024, Duration.ofMillis(50));
  @TempDir Path dir;

  @Test
  void processesWhatTheJournalHoldsAndMovesTheCheckpointAfterTheOutputCommitted() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    List<Stride> strides = new CopyOnWriteArrayList<>();
    GaitOutput output = new GaitOutput() {
      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        strides.add(stride);
      }
    };
    try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")));
        Journal context = Journal.open(JournalConfig.defaults(dir.resolve("context")))) {
      try (JournalProcessor running = new JournalProcessor(journal, context, (tenant, device) -> new WearerRef(tenant, "pair"),
          output, GaitConfig.defaults(), CONFIG).start()) {
        for (AcceptedFrame frame : frames) {
          journal.append(frame);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> running.processedIndex() == frames.size());
        await().until(() -> journal.checkpoint() == frames.size());
        assertThat(running.counters().frames()).isEqualTo(frames.size());
      }
    }
    assertThat(strides).hasSizeGreaterThan(180);
  }

  @Test
  void afterARestartBeyondTheHellosTheInsolesAreStillKnown() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    int half = frames.size() / 2;
    try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")));
        Journal context = Journal.open(JournalConfig.defaults(dir.resolve("context")))) {
      try (JournalProcessor running = new JournalProcessor(journal, context, (tenant, device) -> new WearerRef(tenant, "pair"),
          GaitOutput.NONE, GaitConfig.defaults(), CONFIG).start()) {
        frames.subList(0, half).forEach(journal::append);
        await().atMost(Duration.ofSeconds(20)).until(() -> journal.checkpoint() == half);
      }
    }
    // A new process: the HELLOs and ANCHORs are below the checkpoint, only the context journal has them.
    try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")));
        Journal context = Journal.open(JournalConfig.defaults(dir.resolve("context")))) {
      try (JournalProcessor running = new JournalProcessor(journal, context, (tenant, device) -> new WearerRef(tenant, "pair"),
          GaitOutput.NONE, GaitConfig.defaults(), CONFIG).start()) {
        frames.subList(half, frames.size()).forEach(journal::append);
        await().atMost(Duration.ofSeconds(20)).until(() -> running.processedIndex() == frames.size());
        assertThat(running.counters().dataWithoutHello()).isZero();
        assertThat(running.counters().samples()).isEqualTo((long) (frames.size() - half) * 25);
      }
    }
  }
}
