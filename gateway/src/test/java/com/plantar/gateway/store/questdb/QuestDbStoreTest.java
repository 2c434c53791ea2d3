package com.plantar.gateway.store.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.testing.OpenFiles;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ErrorTag;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  /**
   * Device 1 streams 3 s at 100 Hz in frames of 25 samples that start 5 ms into a second's last
   * frame, so every fourth frame straddles a second; its cells are (second, 1000 + sample). Device 2
   * writes 1 s of a constant in two writes. Each second's mean is over every sample of that second.
   */
  @Test
  void rawSamplesAreAveragedPerDeviceSecondIntoRawSeconds(@TempDir Path directory) throws Exception {
    Path qdb = directory.resolve("qdb");
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
      for (int frame = 0; frame < 12; frame++) {
        long[] times = new long[25];
        int[] values = new int[25 * 2];
        for (int i = 0; i < 25; i++) {
          int s = frame * 25 + i;
          times[i] = T0 - 5_000L + s * 10_000L;
          values[2 * i] = (int) Math.floorDiv(times[i] - T0, 1_000_000L) + 1;
          values[2 * i + 1] = 1000 + s;
        }
        store.writeRawSamples(new RawSampleBatch("acme", "w1", "dev-1", Side.L, times, values, 2, TimeQuality.SYNCED))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      for (int half = 0; half < 2; half++) {
        long[] times = new long[50];
        int[] values = new int[50];
        for (int i = 0; i < 50; i++) {
          times[i] = T0 + half * 500_000L + i * 10_000L;
          values[i] = 7;
        }
        store.writeRawSamples(new RawSampleBatch("acme", "w2", "dev-2", Side.R, times, values, 1, TimeQuality.SYNCED))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
    // dev-1: second -1 holds sample 0 (1000); second 0 samples 1..100 (mean 1050.5); 1: 101..200; 2: 201..299.
    assertThat(rawSeconds(qdb)).containsExactly(
        "-1 dev-1 L 1 0.0 1000.0 NaN", "0 dev-1 L 100 1.0 1050.5 NaN", "0 dev-2 R 100 7.0 NaN NaN",
        "1 dev-1 L 100 2.0 1150.5 NaN", "2 dev-1 L 99 3.0 1250.0 NaN");
  }

  /**
   * A crash after the raw rows of a second were committed, and before their means were: the seconds
   * stay in the pending file, and the next open computes them. Here the means are lost by hand (the
   * table truncated) and the file is written as the raw writer would have left it.
   */
  @Test
  void secondsLeftPendingByACrashGetTheirMeansAtTheNextOpen(@TempDir Path directory) throws Exception {
    Path qdb = directory.resolve("qdb");
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
      store.writeRawSamples(batch(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(rawSeconds(qdb)).containsExactly("0 dev-1 R 25 36.0 37.0 38.0");
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      engine.load();
      SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
      engine.execute("TRUNCATE TABLE raw_seconds", ctx);
      try (ApplyWal2TableJob apply = new ApplyWal2TableJob(engine, 0)) {
        apply.drain(0);
      }
    }
    assertThat(rawSeconds(qdb)).isEmpty();
    try (PendingSeconds pending = new PendingSeconds(qdb.resolve(RawSamplesCommitter.PENDING_SECONDS_FILE))) {
      pending.add(Math.floorDiv(T0, 1_000_000L));
      pending.persist();
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
      assertThat(Files.size(qdb.resolve(RawSamplesCommitter.PENDING_SECONDS_FILE))).isZero();
    }
    assertThat(rawSeconds(qdb)).containsExactly("0 dev-1 R 25 36.0 37.0 38.0");
  }

  /**
   * A data directory of the build that kept per-frame means in {@code raw_frames} and a materialized
   * view over them: the view is dropped at open, the old table takes the new rows (its mean columns
   * left NULL), and their means go to {@code raw_seconds}.
   */
  @Test
  void theMeanColumnsAndViewOfTheFirstRawFramesBuildAreLeftBehind(@TempDir Path directory) throws Exception {
    Path qdb = Files.createDirectories(directory.resolve("qdb"));
    try (CairoEngine old = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(old, 1).with(AllowAllSecurityContext.INSTANCE);
      old.execute("CREATE TABLE raw_frames (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, device SYMBOL, side SYMBOL, "
          + "time_quality SYMBOL, samples SHORT, cells SHORT, mean_c0 FLOAT, mean_c1 FLOAT, data BINARY) "
          + "TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, tenant, device)", ctx);
      old.execute("CREATE MATERIALIZED VIEW raw_frames_1s AS (SELECT ts, tenant, device, sum(samples) samples, "
          + "sum(mean_c0 * samples) / sum(samples) c0 FROM raw_frames SAMPLE BY 1s) PARTITION BY DAY", ctx);
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb))) {
      store.writeRawSamples(batch(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(store.readRawSamples("acme", "dev-1", new TimeRange(T0, T0 + 1_000_000L))).hasSize(25);
    }
    assertThat(rawSeconds(qdb)).containsExactly("0 dev-1 R 25 36.0 37.0 38.0");
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      engine.load();
      assertThat(engine.getTableTokenIfExists("raw_frames_1s")).isNull();
    }
  }

  /** The rows of {@code raw_seconds}: second after T0, device, side, samples, c0, c1, c2. */
  private static List<String> rawSeconds(Path qdb) throws Exception {
    List<String> seconds = new ArrayList<>();
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(qdb.toString()))) {
      engine.load();
      SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
      try (RecordCursorFactory f = engine.select(
          "SELECT ts, device, side, samples, c0, c1, c2 FROM raw_seconds ORDER BY ts, device", ctx);
           RecordCursor cursor = f.getCursor(ctx)) {
        io.questdb.cairo.sql.Record r = cursor.getRecord();
        while (cursor.hasNext()) {
          seconds.add(Math.floorDiv(r.getTimestamp(0) - T0, 1_000_000L) + " " + r.getSymA(1) + " " + r.getSymA(2)
              + " " + r.getInt(3) + " " + r.getFloat(4) + " " + r.getFloat(5) + " " + r.getFloat(6));
        }
      }
    }
    return seconds;
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

  /**
   * QuestDB suspends a table when applying to it fails (a full disk, say), and nothing in an
   * embedded engine resumes it. Here the strides table is suspended under a running committer as
   * QuestDB's apply job does it: the committer resumes it and the next commit goes through, with
   * both rows in the table. Before, every later commit failed until someone ran {@code ALTER TABLE
   * ... RESUME WAL}, so a disk that had been full for a moment stopped all gait results until a
   * restart (found by filling a small tmpfs under {@code plantar demo}).
   */
  @Test
  void aTableSuspendedUnderARunningWriterIsResumedAndItsNextCommitGoesThrough(@TempDir Path directory)
      throws Exception {
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(directory.toString()))) {
      SqlExecutionContext ctx = QuestDbStore.ddlContext(engine);
      for (String ddl : List.of(QuestDbSchema.createStrides(), QuestDbSchema.createWindows(),
          QuestDbSchema.createBalance(), QuestDbSchema.createAlerts())) {
        engine.execute(ddl, ctx);
      }
      TableToken strides = engine.verifyTableName(QuestDbSchema.STRIDES);
      try (GaitResultsCommitter committer = new GaitResultsCommitter(engine)) {
        committer.commit(List.of(new StoreWrite.Strides(List.of(stride(T0)))), new AtomicLong(), new AtomicLong());
        committer.publish();

        engine.getTableSequencerAPI().suspendTable(strides, ErrorTag.DISK_FULL, "No space left");
        committer.commit(List.of(new StoreWrite.Strides(List.of(stride(T0 + 2_000_000L)))), new AtomicLong(),
            new AtomicLong());
        committer.publish();

        assertThat(engine.getTableSequencerAPI().isSuspended(strides)).isFalse();
        try (RecordCursorFactory f = engine.select("SELECT count() FROM " + QuestDbSchema.STRIDES, ctx);
             RecordCursor cursor = f.getCursor(ctx)) {
          assertThat(cursor.hasNext()).isTrue();
          assertThat(cursor.getRecord().getLong(0)).isEqualTo(2);
        }
      }
    }
  }

  private static StrideRow stride(long initialContactUs) {
    return new StrideRow("acme", "w1", "dev-1", Side.L, initialContactUs, initialContactUs + 600_000L,
        initialContactUs + 1_000_000L, StrideMetrics.builder().put(StrideMetric.STRIDE_TIME_S, 1.0).build());
  }

  /**
   * The data directory removed under a running store (an operator's {@code rm -rf}, a volume gone):
   * writes fail with a typed error, close reports that it could not finish, and still closes both
   * engines. Before, the raw writer's failure skipped the rest and ~100 files stayed open until the
   * JVM exited.
   */
  @Test
  void aCloseThatCannotFinishStillReleasesTheStoresFiles(@TempDir Path directory) throws Exception {
    assumeTrue(OpenFiles.countable(), "needs /proc/self/fd");
    Path qdb = directory.resolve("qdb");
    long before = OpenFiles.count();
    TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(qdb));
    store.writeRawSamples(batch(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(OpenFiles.count()).as("files held by the open store").isGreaterThan(before + 50);

    OpenFiles.deleteTree(qdb);
    // Writes go on into the WAL files still open until an apply (at most a second later) finds the
    // table gone; from then on they fail with a typed error.
    await().atMost(Duration.ofSeconds(10)).until(() -> store.writeRawSamples(batch(3)).toCompletableFuture()
        .handle((ok, failure) -> failure instanceof StoreException).join());

    assertThatThrownBy(store::close).isInstanceOf(RuntimeException.class);
    assertThat(OpenFiles.count()).as("files still open after the failed close").isLessThanOrEqualTo(before + 10);
  }
}
