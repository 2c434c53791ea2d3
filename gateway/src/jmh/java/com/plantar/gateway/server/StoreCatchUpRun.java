package com.plantar.gateway.server;

import com.plantar.gait.FootSide;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StoreStats;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.gateway.timing.TimeQuality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Catch-up after a store outage, as a load run (not JMH: it is one timeline, not a repeated op).
 * One "processor" thread plays JournalProcessor's part against the real {@link StoreOutput} and the
 * embedded QuestDB store: frames (25 samples × 16 cells, one insole at 100 Hz sends 4 a second)
 * become due at the live rate as they would arrive in the journal; the thread hands every due frame
 * to the output and, every second, waits for {@code flush()} as the checkpoint does (a failed flush
 * leaves the checkpoint where it was). Phases: live, then the store down (writes fail with
 * WRITE_FAILED, as when influxd is stopped), then up again with the live load going on. The catch-up
 * rate is what the store committed from the moment it came back until a checkpoint that began at the
 * live edge (under 100 ms of frames behind) committed, per second, as a multiple of the live rate.
 *
 * <p>Run: {@code java -cp … com.plantar.gateway.server.StoreCatchUpRun [framesPerSecond] [outageSeconds]
 * [storeQueueCapacity]}
 * (the gateway test classpath, as scripts/bench builds it). Gait is not run: during an outage it goes
 * on live and only the store writes wait, so catching up is the store's work.
 */
public final class StoreCatchUpRun {
  private static final int SAMPLES = 25;
  private static final int CELLS = 16;
  private static final long FRAME_US = SAMPLES * 10_000L;
  private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final TimeSeriesStore store;
  private final SwitchableStore switchable;
  private final StoreOutput output;
  private final int framesPerSecond;
  private final int devices;
  private final long t0Us = (System.currentTimeMillis() - 3_600_000L) * 1000;
  private final int[] counts = new int[SAMPLES * CELLS];
  private long startNanos;
  private long processed;
  private long committed;
  private long lastCheckpointNanos;
  /** Frames due but not yet handed to the output when the last successful checkpoint began. */
  private long lagAtLastCheckpoint = Long.MAX_VALUE;

  private StoreCatchUpRun(TimeSeriesStore store, int framesPerSecond) {
    this.store = store;
    this.switchable = new SwitchableStore(store);
    this.output = new StoreOutput(switchable);
    this.framesPerSecond = framesPerSecond;
    this.devices = Math.max(1, framesPerSecond / 4);
    for (int v = 0; v < counts.length; v++) {
      counts[v] = (v * 97) % 4096;
    }
  }

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int outageSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    StoreConfig defaults = StoreConfig.questDb(Files.createTempDirectory("plantar-catchup"));
    int queueCapacity = args.length > 2 ? Integer.parseInt(args[2]) : defaults.queueCapacity();
    StoreConfig config = defaults.withQueue(defaults.batchSize(), queueCapacity);
    Path dir = config.dataDirectory();
    System.out.println("store: " + config);
    try (TimeSeriesStore store = TimeSeriesStores.open(config)) {
      new StoreCatchUpRun(store, rate).run(outageSeconds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(int outageSeconds) {
    startNanos = System.nanoTime();
    lastCheckpointNanos = startNanos;
    runFor(10, () -> false);
    long liveCommitted = committed;
    double liveSeconds = (System.nanoTime() - startNanos) / 1e9;
    StoreStats liveStats = store.stats();

    switchable.down = true;
    runFor(outageSeconds, () -> false);
    switchable.down = false;
    long upNanos = System.nanoTime();
    long committedAtUp = committed;
    long backlog = due() - committedAtUp;
    StoreStats upStats = store.stats();
    // Caught up: a checkpoint that began at the live edge (under 100 ms of frames behind) committed.
    lagAtLastCheckpoint = Long.MAX_VALUE;
    boolean caughtUp = runFor(300, () -> lagAtLastCheckpoint <= framesPerSecond / 10);
    double drainSeconds = (System.nanoTime() - upNanos) / 1e9;
    StoreStats drainStats = store.stats();
    long drained = committed - committedAtUp;
    double drainRate = drained / drainSeconds;
    long commits = drainStats.commits() - upStats.commits();
    long rows = drainStats.rowsCommitted() - upStats.rowsCommitted();

    System.out.println();
    System.out.println("| live frames/s (samples/s) | live: committed frames/s, rows per commit | outage s | backlog frames at recovery "
        + "| catch-up s | frames committed in catch-up | catch-up frames/s | multiple of live | rows per commit in catch-up |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf(Locale.ROOT, "| %d (%d) | %.0f, %d | %d | %d | %.1f%s | %d | %.0f | **%.2f** | %d |%n",
        framesPerSecond, framesPerSecond * SAMPLES, liveCommitted / liveSeconds,
        liveStats.rowsCommitted() / Math.max(1, liveStats.commits()), outageSeconds, backlog, drainSeconds,
        caughtUp ? "" : " (not caught up)", drained, drainRate, drainRate / framesPerSecond, rows / Math.max(1, commits));
    System.out.println("store stats at the end: " + drainStats);
  }

  /** Frames that have arrived by now at the live rate. */
  private long due() {
    return (System.nanoTime() - startNanos) * framesPerSecond / 1_000_000_000L;
  }

  /** Plays the processor for {@code seconds} or until {@code done}; returns whether {@code done} ended it. */
  private boolean runFor(int seconds, java.util.function.BooleanSupplier done) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      long due = due();
      // Like JournalProcessor: a batch of what is durable, then a checkpoint when one is due.
      for (int n = 0; processed < due && n < 512; n++) {
        emit(processed++);
      }
      if (System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_NANOS) {
        long upTo = processed;
        long dueAtCheckpoint = due();
        try {
          output.flush().toCompletableFuture().join();
          committed = upTo;
          lagAtLastCheckpoint = dueAtCheckpoint - upTo;
        } catch (CompletionException e) {
          // The store is down: the checkpoint stays, StoreOutput keeps what failed.
        }
        lastCheckpointNanos = System.nanoTime();
        if (done.getAsBoolean()) {
          return true;
        }
      }
      if (processed >= due) {
        sleepMillis(1);
      }
    }
    return false;
  }

  private void emit(long frame) {
    int device = (int) (frame % devices);
    long frameOfDevice = frame / devices;
    long[] times = new long[SAMPLES];
    long first = t0Us + frameOfDevice * FRAME_US;
    for (int s = 0; s < SAMPLES; s++) {
      times[s] = first + s * 10_000L;
    }
    output.onSamples(new WearerRef("bench", "w" + device / 2), 0x1000L + device,
        device % 2 == 0 ? FootSide.LEFT : FootSide.RIGHT, times, counts, CELLS, TimeQuality.ANCHORED);
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The real store, whose writes fail while {@code down} (reads and flush pass through). */
  private static final class SwitchableStore implements TimeSeriesStore {
    private final TimeSeriesStore store;
    volatile boolean down;

    SwitchableStore(TimeSeriesStore store) {
      this.store = store;
    }

    private CompletionStage<Void> refuse() {
      return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.WRITE_FAILED, "store down (run)"));
    }

    @Override
    public CompletionStage<Void> writeRawSamples(RawSampleBatch batch) {
      return down ? refuse() : store.writeRawSamples(batch);
    }

    @Override
    public CompletionStage<Void> writeRawSamples(List<RawSampleBatch> batches) {
      return down ? refuse() : store.writeRawSamples(batches);
    }

    @Override
    public CompletionStage<Void> writeStrides(List<StrideRow> rows) {
      return down ? refuse() : store.writeStrides(rows);
    }

    @Override
    public CompletionStage<Void> writeWindowSummaries(List<WindowSummaryRow> rows) {
      return down ? refuse() : store.writeWindowSummaries(rows);
    }

    @Override
    public CompletionStage<Void> writeBalance(List<BalanceRow> rows) {
      return down ? refuse() : store.writeBalance(rows);
    }

    @Override
    public CompletionStage<Void> writeAlerts(List<AlertEvent> events) {
      return down ? refuse() : store.writeAlerts(events);
    }

    @Override
    public CompletionStage<Void> flush() {
      return store.flush();
    }

    @Override
    public List<RawSample> readRawSamples(String tenant, String device, TimeRange range) {
      return store.readRawSamples(tenant, device, range);
    }

    @Override
    public List<StrideRow> readStrides(String tenant, String wearer, TimeRange range) {
      return store.readStrides(tenant, wearer, range);
    }

    @Override
    public List<WindowSummaryRow> readWindowSummaries(String tenant, String wearer, TimeRange range) {
      return store.readWindowSummaries(tenant, wearer, range);
    }

    @Override
    public List<BalanceRow> readBalance(String tenant, String wearer, TimeRange range) {
      return store.readBalance(tenant, wearer, range);
    }

    @Override
    public List<AlertEvent> readAlerts(String tenant, String wearer, TimeRange range) {
      return store.readAlerts(tenant, wearer, range);
    }

    @Override
    public List<TrendPoint> readStrideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
        TimeRange range) {
      return store.readStrideTrend(tenant, wearer, metric, bucket, range);
    }

    @Override
    public StoreStats stats() {
      return store.stats();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
