package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.simulator.load.IngestLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator of `plantar bench ingest` does what it says: its frames are real, acked and processed. */
class IngestLoadTest {
  @TempDir Path dir;

  @Test
  void loadFramesAreAcknowledgedJournaledAndProcessed() throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.port", "-1", "dataDir", dir.toString()));
    try (Gateway gateway = Gateway.start(config, true)) {
      IngestLoad.Result result = IngestLoad.run("127.0.0.1", gateway.mqtt().port(), "bench", 2, 10, 0x10, 200,
          Duration.ofSeconds(2));

      // Acks are counted (how many arrive within the step depends on the disk's fsync: not asserted here).
      assertThat(result.ackedFramesPerSecond()).isPositive().isLessThanOrEqualTo(result.offeredFramesPerSecond());
      // Every frame sent, and each insole's HELLO, ends up in the journal.
      assertThat(result.framesSent()).isGreaterThan(300);
      await().atMost(Duration.ofSeconds(20)).until(() -> gateway.journal().durableIndex() == result.framesSent() + 10);
      await().atMost(Duration.ofSeconds(20)).until(() -> gateway.processor().processedIndex() == gateway.journal().durableIndex());
      assertThat(gateway.processor().counters().dataWithoutHello()).isZero();
      assertThat(gateway.processor().counters().samples()).isGreaterThan(0);
    }
  }
}
