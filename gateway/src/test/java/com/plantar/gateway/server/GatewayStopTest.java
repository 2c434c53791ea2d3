package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.testing.OpenFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the gateway stops when a step of its stop fails. */
class GatewayStopTest {

  private static Gateway start(Path dataDir) throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.port", "-1", "mqtt.sessionLoops", "1", "dataDir", dataDir.toString()));
    return Gateway.start(config, false);
  }

  private static RawSampleBatch oneFrame() {
    long[] times = new long[25];
    long t0 = System.currentTimeMillis() * 1000;
    for (int s = 0; s < times.length; s++) {
      times[s] = t0 + s * 10_000L;
    }
    return new RawSampleBatch("acme", "w1", "dev-1", Side.L, times, new int[25 * 4], 4, TimeQuality.SYNCED);
  }

  /**
   * The data directory removed under a running gateway: the store cannot finish its close, and the
   * journal and registry after it are still closed. The files left open afterwards are compared with
   * a clean stop of the same gateway in the same JVM (class loading keeps jars open, so the count
   * before the first start is not the baseline).
   */
  @Test
  void aStoreThatCannotCloseDoesNotKeepTheJournalAndRegistryOpen(@TempDir Path dir) throws Exception {
    assumeTrue(OpenFiles.countable(), "needs /proc/self/fd");
    Gateway clean = start(dir.resolve("clean"));
    clean.store().writeRawSamples(oneFrame()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    clean.close();
    long afterCleanStop = OpenFiles.count();

    Path data = dir.resolve("removed");
    Gateway gateway = start(data);
    gateway.store().writeRawSamples(oneFrame()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    OpenFiles.deleteTree(data);
    // Writes go on into the WAL files still open until the store's next apply finds its table gone.
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.store().writeRawSamples(oneFrame())
        .toCompletableFuture().handle((ok, failure) -> failure != null).join());

    assertThatThrownBy(gateway::close).isInstanceOf(RuntimeException.class);
    assertThat(OpenFiles.count()).as("files open after the failed stop").isLessThanOrEqualTo(afterCleanStop + 3);
    assertThatThrownBy(() -> gateway.registry().addDevice("clinic", "00000000000000d1", Side.L, "PL-16"))
        .as("the registry was closed after the store failed").hasMessageContaining("closed");
  }
}
