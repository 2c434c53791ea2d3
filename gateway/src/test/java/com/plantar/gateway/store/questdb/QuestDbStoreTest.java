package com.plantar.gateway.store.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded QuestDB store does: survive a restart, refuse an unusable directory. */
class QuestDbStoreTest {
  private static final long T0 = 1_793_577_600_000_000L;

  private static RawSampleBatch batch(int cells) {
    long[] times = new long[25];
    int[] values = new int[25 * cells];
    for (int s = 0; s < times.length; s++) {
      times[s] = T0 + s * 10_000L;
    }
    for (int v = 0; v < values.length; v++) {
      values[v] = v;
    }
    return new RawSampleBatch("acme", "w1", "dev-1", Side.R, times, values, cells, TimeQuality.ESTIMATED);
  }

  @Test
  void rowsCommittedBeforeCloseAreThereAfterReopeningIncludingAddedCellColumns(@TempDir Path directory)
      throws Exception {
    StoreConfig config = StoreConfig.questDb(directory.resolve("qdb"));
    try (TimeSeriesStore store = TimeSeriesStores.open(config)) {
      store.writeRawSamples(batch(24)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(config.withRetention(7, 365))) {
      assertThat(store.readRawSamples("acme", "dev-1", new TimeRange(T0, T0 + 1_000_000L)))
          .hasSize(25).allSatisfy(s -> assertThat(s.cells()).hasSize(24))
          .first().satisfies(s -> assertThat(s.cells()[23]).isEqualTo(23));
      store.writeRawSamples(batch(24)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(store.readRawSamples("acme", "dev-1", new TimeRange(T0, T0 + 1_000_000L))).hasSize(25);
    }
  }

  @Test
  void aDataDirectoryThatIsAFileIsATypedOpenFailure(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> TimeSeriesStores.open(StoreConfig.questDb(file)))
        .isInstanceOf(StoreException.class).hasMessageContaining("cannot open QuestDB");
  }
}
