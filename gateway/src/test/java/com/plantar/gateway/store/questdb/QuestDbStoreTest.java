package com.plantar.gateway.store.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void rowsCommittedBeforeCloseAreThereAfterReopeningWithCellsBeyondTheMeanColumns(@TempDir Path directory)
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
  void rawSamplesAreAggregatedPerSecondIntoTheOneSecondView(@TempDir Path directory) throws Exception {
    Path qdb = directory.resolve("qdb");
    long[] times = new long[300];
    int[] values = new int[300 * 2];
    for (int s = 0; s < times.length; s++) {
      times[s] = T0 + s * 10_000L;
      values[2 * s] = s / 100;
      values[2 * s + 1] = 1000 + s;
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
      store.writeRawSamples(new RawSampleBatch("acme", "w1", "dev-1", Side.L, times, values, 2, TimeQuality.SYNCED))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    List<String> seconds = new ArrayList<>();
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
      try (RecordCursorFactory f = engine.select("SELECT ts, device, samples, c0, c1 FROM raw_frames_1s ORDER BY ts", ctx);
           RecordCursor cursor = f.getCursor(ctx)) {
        io.questdb.cairo.sql.Record r = cursor.getRecord();
        while (cursor.hasNext()) {
          seconds.add((r.getTimestamp(0) - T0) / 1_000_000 + " " + r.getSymA(1) + " " + r.getLong(2) + " "
              + r.getDouble(3) + " " + r.getDouble(4));
        }
      }
    }
    assertThat(seconds).containsExactly("0 dev-1 100 0.0 1049.5", "1 dev-1 100 1.0 1149.5", "2 dev-1 100 2.0 1249.5");
  }

  @Test
  void resultTablesOfADataDirectoryFromBeforeTheResultsEngineAreMovedIntoItOnce(@TempDir Path directory)
      throws Exception {
    Path qdb = Files.createDirectories(directory.resolve("qdb"));
    try (CairoEngine legacy = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(legacy, 1).with(AllowAllSecurityContext.INSTANCE);
      legacy.execute(QuestDbSchema.createStrides(), ctx);
      legacy.execute(QuestDbSchema.createAlerts(), ctx);
      legacy.execute("INSERT INTO strides (ts, tenant, wearer, device, side, toe_off, next_initial_contact, "
          + StrideMetric.STRIDE_TIME_S.column() + ") VALUES (" + T0 + "::timestamp, 'acme', 'w1', 'dev-1', 'L', "
          + (T0 + 600_000) + "::timestamp, " + (T0 + 1_100_000) + "::timestamp, 1.1)", ctx);
      legacy.execute("INSERT INTO alerts (ts, tenant, wearer, type, severity, value, threshold, message) VALUES ("
          + T0 + "::timestamp, 'acme', 'w1', 'pressure', 'warning', 420.0, 400.0, 'high')", ctx);
      try (ApplyWal2TableJob apply = new ApplyWal2TableJob(legacy, 0)) {
        apply.drain(0);
      }
    }
    TimeRange range = new TimeRange(T0, T0 + 1);
    for (int open = 0; open < 2; open++) {
      try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
        assertThat(store.readStrides("acme", "w1", range)).singleElement().satisfies(s -> {
          assertThat(s.device()).isEqualTo("dev-1");
          assertThat(s.side()).isEqualTo(Side.L);
          assertThat(s.nextInitialContactUtcUs()).isEqualTo(T0 + 1_100_000);
          assertThat(s.metrics().get(StrideMetric.STRIDE_TIME_S)).isEqualTo(1.1);
          assertThat(s.metrics().get(StrideMetric.STANCE_TIME_S)).isNaN();
        });
        assertThat(store.readAlerts("acme", "w1", range)).singleElement()
            .satisfies(a -> assertThat(a.device()).isEmpty());
      }
    }
    try (CairoEngine samples = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      samples.load();
      assertThat(samples.getTableTokenIfExists(QuestDbSchema.STRIDES)).isNull();
      assertThat(samples.getTableTokenIfExists(QuestDbSchema.ALERTS)).isNull();
      assertThat(samples.getTableTokenIfExists(QuestDbSchema.RAW)).isNotNull();
    }
  }

  @Test
  void aDataDirectoryThatIsAFileIsATypedOpenFailure(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> TimeSeriesStores.open(StoreConfig.questDb(file)))
        .isInstanceOf(StoreException.class).hasMessageContaining("cannot open QuestDB");
  }
}
