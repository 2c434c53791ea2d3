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
    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      FrameProcessor processor = new FrameProcessor((tenant, device) -> new WearerRef(tenant, "pair"), output,
          GaitConfig.defaults());
      try (JournalProcessor running = new JournalProcessor(journal, processor, output, Duration.ofMillis(50)).start()) {
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
}
