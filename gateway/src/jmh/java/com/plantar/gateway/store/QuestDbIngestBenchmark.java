package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;
import io.questdb.cairo.CairoConfiguration;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CommitMode;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw samples per second into the embedded QuestDB, in one run:
 *
 * <ul>
 *   <li>{@code port}: through {@link TimeSeriesStore#writeRawSamples}, 200 frames of 25 samples × 16
 *       cells submitted, then {@code flush()} awaited: rows of frames in the WAL table with dedup
 *       keys, the pending seconds' fsync and the fsync'd WAL commit, what a completed write promises,
 *       and on the same writer thread the WAL apply (idle or every second) and the per-second means
 *       (every 10 s);
 *   <li>{@code tableWriter}: the same samples, a row each, straight into a non-WAL table through
 *       QuestDB's {@code TableWriter}, one commit per 5 000 rows, same commit mode (SYNC): the
 *       engine's ceiling for the layout the port had until it kept rows of frames.
 * </ul>
 *
 * Target: port ≥ 0.5 × tableWriter. Run: {@code scripts/bench gateway QuestDbIngestBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class QuestDbIngestBenchmark {
  private static final int FRAMES = 200;
  private static final int SAMPLES = 25;
  private static final int CELLS = 16;
  static final int ROWS = FRAMES * SAMPLES;
  private static final long SAMPLE_US = 10_000L;

  private Path directory;
  private TimeSeriesStore store;
  private CairoEngine baselineEngine;
  private final int[] frameValues = new int[SAMPLES * CELLS];
  private long nextPortUs = 1_793_577_600_000_000L;
  private long nextBaselineUs = 1_793_577_600_000_000L;

  @Setup(Level.Trial)
  public void open() throws Exception {
    directory = Files.createTempDirectory("plantar-qdb-bench");
    for (int v = 0; v < frameValues.length; v++) {
      frameValues[v] = (v * 97) % 4096;
    }
    store = TimeSeriesStores.open(StoreConfig.questDb(directory.resolve("store")).withQueue(ROWS, 4_096));
    CairoConfiguration cairo = new DefaultCairoConfiguration(directory.resolve("baseline").toString()) {
      @Override
      public int getCommitMode() {
        return CommitMode.SYNC;
      }
    };
    Files.createDirectories(directory.resolve("baseline"));
    baselineEngine = new CairoEngine(cairo);
    SqlExecutionContext ctx = new SqlExecutionContextImpl(baselineEngine, 1).with(AllowAllSecurityContext.INSTANCE);
    StringBuilder ddl = new StringBuilder("CREATE TABLE raw_baseline (ts TIMESTAMP, tenant SYMBOL, wearer SYMBOL, "
        + "device SYMBOL, side SYMBOL, time_quality SYMBOL, cells SHORT");
    for (int c = 0; c < CELLS; c++) {
      ddl.append(", c").append(c).append(" INT");
    }
    baselineEngine.execute(ddl.append(") TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL").toString(), ctx);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    StoreStats stats = store.stats();
    long failed = stats.failedWrites();
    // How the writer grouped the frames: rows per commit (or per /write request) is the main lever.
    System.out.println("store stats: " + stats + ", rows per commit " + stats.rowsCommitted() / Math.max(1, stats.commits()));
    store.close();
    baselineEngine.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (failed > 0) {
      throw new IllegalStateException(failed + " writes failed during the benchmark: the numbers are void");
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void port() throws Exception {
    for (int f = 0; f < FRAMES; f++) {
      long[] times = new long[SAMPLES];
      for (int s = 0; s < SAMPLES; s++) {
        times[s] = nextPortUs;
        nextPortUs += SAMPLE_US;
      }
      store.writeRawSamples(new RawSampleBatch("bench", "w1", "dev-1", Side.L, times, frameValues, CELLS,
          TimeQuality.SYNCED));
    }
    store.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void tableWriter() {
    try (TableWriter w = baselineEngine.getWriter(baselineEngine.verifyTableName("raw_baseline"), "bench")) {
      for (int f = 0; f < FRAMES; f++) {
        for (int s = 0, v = 0; s < SAMPLES; s++) {
          TableWriter.Row row = w.newRow(nextBaselineUs);
          nextBaselineUs += SAMPLE_US;
          row.putSym(1, "bench");
          row.putSym(2, "w1");
          row.putSym(3, "dev-1");
          row.putSym(4, "L");
          row.putSym(5, "synced");
          row.putShort(6, (short) CELLS);
          for (int c = 0; c < CELLS; c++, v++) {
            row.putInt(7 + c, frameValues[v]);
          }
          row.append();
        }
      }
      w.commit();
    }
  }
}
