package com.plantar.gateway.server;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.PressureProfile;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.AlertSeverity;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.SummaryKind;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.protocol.DeviceIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing results into the {@link TimeSeriesStore}: raw samples per frame, strides, windows and
 * bouts, standing balance, alerts. A write the store fails is kept and written again at the next
 * {@link #flush()}, which completes normally only when everything handed over so far is committed,
 * so the journal checkpoint never passes data the store does not have; except a write the store
 * rejected for good ({@code REJECTED}: dead-lettered, logged and counted there), which is not retried.
 * A failed raw write stays counted against the in-flight bound until it is committed, so a long
 * outage makes the shards wait (processing stops, the journal grows on disk) rather than filling
 * memory with failed writes; the waiting shards write the failed ones again themselves.
 *
 * <p>Raw samples are not written per frame: each calling thread holds its frames' samples ({@link
 * HeldRawSamples}) and writes them as one batch when it holds {@link #HELD_ROWS_PER_THREAD} rows, and
 * {@link #flush()} writes what every thread holds before it asks the store to commit. Since a shard
 * hands a frame's samples over before it reports the frame processed, the checkpoint's flush still
 * covers every frame below the checkpoint. Strides, summaries, balance and alerts are written at once
 * (small, and what the dashboard waits for).
 *
 * <p>When the store's queue is full, or eight threads' worth of raw samples wait for their commit, the
 * calling thread waits (backpressure: processing slows to the store's pace and the journal holds the
 * rest) instead of piling writes up.
 *
 * <p>Threads: shared by the processing shards. The device map is keyed by wearer, and each wearer's
 * calls come from its one shard; each thread's held samples are its own except while a flush takes
 * them (under their monitor); {@link #flush()} is called by the journal reader (in cluster mode by
 * the partition owner's thread).
 */
final class StoreOutput implements GaitOutput {
  private static final Logger log = LoggerFactory.getLogger(StoreOutput.class);

  /**
   * How long a shard first waits before offering a write again to a full store queue, and at most:
   * the wait doubles, since each refusal costs the store an exception (with its stack trace).
   */
  private static final long FULL_QUEUE_FIRST_WAIT_NANOS = 200_000;
  private static final long FULL_QUEUE_MAX_WAIT_NANOS = 10_000_000;

  /**
   * Raw samples a thread holds before it writes them itself (~2.4 MB of 16-cell rows; a shard at
   * 1,000 insoles fills it in about 0.6 s); below that, the checkpoint's flush writes them. Large,
   * because every raw write is a WAL transaction whose commit (fsync) and apply (an out-of-order merge:
   * the frames of many devices cover the same instants) cost about the same for 25 rows as for 30,000.
   */
  static final int HELD_ROWS_PER_THREAD = 32_768;
  /**
   * How many threads' worth of held samples may be written but not committed yet: the bound on what
   * waits in memory (8 × 32,768 rows, ~20 MB).
   */
  private static final int IN_FLIGHT_HOLDS = 8;
  /** How often a thread waiting for uncommitted rows to drain writes the failed ones again. */
  private static final long RETRY_WHILE_WAITING_MILLIS = 200;

  private final int heldRowsPerThread;
  private final int inFlightLimit;
  private final Semaphore inFlightRows;
  /** Every thread's held samples, for the flush; a thread registers on its first frame. */
  private final List<HeldRawSamples> held = new CopyOnWriteArrayList<>();
  private final ThreadLocal<HeldRawSamples> heldByThisThread = ThreadLocal.withInitial(() -> {
    HeldRawSamples mine = new HeldRawSamples();
    held.add(mine);
    return mine;
  });

  private final TimeSeriesStore store;
  /** The insole that last sent samples for each wearer's foot: the device a stride row names. */
  private final Map<WearerRef, FeetDevices> devices = new ConcurrentHashMap<>();

  /**
   * The device of each foot of one wearer and its hex id, kept so that a DATA frame does not format
   * the id again (hot path); changed only when a foot's insole changes. Its wearer's shard only.
   */
  private static final class FeetDevices {
    final long[] ids = {-1, -1};
    final String[] hex = new String[2];

    String hexOf(int foot, long deviceId) {
      if (ids[foot] != deviceId || hex[foot] == null) {
        ids[foot] = deviceId;
        hex[foot] = DeviceIds.toHex(deviceId);
      }
      return hex[foot];
    }
  }
  /** Writes the store failed, to be submitted again at the next flush (added on the store's thread). */
  private final Queue<Supplier<CompletionStage<Void>>> failed = new ConcurrentLinkedQueue<>();

  StoreOutput(TimeSeriesStore store) {
    this(store, HELD_ROWS_PER_THREAD);
  }

  /** @param heldRowsPerThread raw samples a thread holds before it writes them itself */
  StoreOutput(TimeSeriesStore store, int heldRowsPerThread) {
    this.store = store;
    this.heldRowsPerThread = heldRowsPerThread;
    this.inFlightLimit = IN_FLIGHT_HOLDS * heldRowsPerThread;
    this.inFlightRows = new Semaphore(inFlightLimit);
  }

  @Override
  public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
      com.plantar.gateway.timing.TimeQuality quality) {
    String device = devices.computeIfAbsent(wearer, w -> new FeetDevices()).hexOf(foot.ordinal(), deviceId);
    RawSampleBatch batch = new RawSampleBatch(wearer.tenant(), wearer.wearerId(), device,
        side(foot), utcUs, counts, cells, quality(quality));
    HeldRawSamples mine = heldByThisThread.get();
    synchronized (mine) {
      if (mine.add(batch) >= heldRowsPerThread) {
        writeRaw(mine.takeAll());
      }
    }
  }

  /**
   * One store write for many frames' samples. Waits while too many raw samples are uncommitted
   * (backpressure: the journal keeps the rest), and then for room in the store's queue.
   *
   * <p>A write's rows stay counted until an attempt commits them (or the store rejects them for
   * good), not just until the first attempt ends: while the store is down, failed writes keep their
   * rows counted, so after {@link #IN_FLIGHT_HOLDS} holds the shards wait here (processing stops, the
   * journal grows on disk) instead of piling failed writes up in memory. A waiting thread writes the
   * failed ones again every {@link #RETRY_WHILE_WAITING_MILLIS}, so nothing depends on a flush that
   * the waiting shards may be keeping the journal reader from calling.
   */
  private void writeRaw(List<RawSampleBatch> batches) {
    if (batches.isEmpty()) {
      return;
    }
    int rows = 0;
    for (RawSampleBatch b : batches) {
      rows += b.sampleCount();
    }
    int permits = Math.min(rows, inFlightLimit);
    while (!tryAcquire(permits)) {
      retryFailed();
    }
    submit(() -> store.writeRawSamples(batches).whenComplete((v, failure) -> {
      if (failure == null || rejectedForGood(failure)) {
        inFlightRows.release(permits);
      }
    }));
  }

  private boolean tryAcquire(int permits) {
    try {
      return inFlightRows.tryAcquire(permits, RETRY_WHILE_WAITING_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the store", e);
    }
  }

  /** Submits again the writes that failed (each taken by one thread); returns their stages. */
  private List<CompletableFuture<Void>> retryFailed() {
    List<CompletableFuture<Void>> retries = new ArrayList<>();
    for (int n = failed.size(); n > 0; n--) {
      Supplier<CompletionStage<Void>> write = failed.poll();
      if (write == null) {
        break;
      }
      retries.add(submit(write));
    }
    return retries;
  }

  @Override
  public void onStride(WearerRef wearer, Stride stride) {
    FeetDevices feet = devices.get(wearer);
    String device = feet == null || feet.hex[stride.foot().ordinal()] == null ? wearer.wearerId()
        : feet.hex[stride.foot().ordinal()];
    StrideRow row = new StrideRow(wearer.tenant(), wearer.wearerId(), device, side(stride.foot()),
        stride.initialContactMicros(), stride.toeOffMicros(), stride.nextInitialContactMicros(), metrics(stride));
    submit(() -> store.writeStrides(List.of(row)));
  }

  @Override
  public void onWindow(WearerRef wearer, GaitSummary window) {
    summary(wearer, window, SummaryKind.WINDOW);
  }

  @Override
  public void onWalkingBout(WearerRef wearer, GaitSummary bout) {
    summary(wearer, bout, SummaryKind.BOUT);
  }

  private void summary(WearerRef wearer, GaitSummary s, SummaryKind kind) {
    WindowSummaryRow row = new WindowSummaryRow(wearer.tenant(), wearer.wearerId(), kind, s.startMicros(),
        s.endMicros(), s.steps(), s.cadenceStepsPerMin(), s.leftLoadSharePct() / 100, s.rightLoadSharePct() / 100,
        // The engine reports step-time symmetry, not stride-time symmetry: the column stays empty.
        Double.NaN, s.symmetry() == null ? Double.NaN : s.symmetry().stancePct(),
        s.symmetry() == null ? Double.NaN : s.symmetry().peakForcePct(),
        s.variability() == null ? Double.NaN : s.variability().cvPct());
    submit(() -> store.writeWindowSummaries(List.of(row)));
  }

  @Override
  public void onStandingBalance(WearerRef wearer, StandingBalance balance) {
    double path = sum(balance.leftSway() == null ? Double.NaN : balance.leftSway().pathLengthMm(),
        balance.rightSway() == null ? Double.NaN : balance.rightSway().pathLengthMm());
    double area = sum(balance.leftSway() == null ? Double.NaN : balance.leftSway().ellipseArea95Mm2(),
        balance.rightSway() == null ? Double.NaN : balance.rightSway().ellipseArea95Mm2());
    double velocity = balance.leftSway() == null ? Double.NaN : balance.leftSway().meanVelocityMmPerS();
    BalanceRow row = new BalanceRow(wearer.tenant(), wearer.wearerId(), balance.startMicros(), balance.endMicros(),
        path, area, Double.NaN, Double.NaN, velocity, balance.leftWeightSharePct() / 100);
    submit(() -> store.writeBalance(List.of(row)));
  }

  @Override
  public void onAlert(WearerRef wearer, Alert alert) {
    FeetDevices feet = devices.get(wearer);
    Optional<String> device = feet == null || alert.foot() == null ? Optional.empty()
        : Optional.ofNullable(feet.hex[alert.foot().ordinal()]);
    String type = alert.kind().name().toLowerCase(Locale.ROOT);
    String message = String.format(Locale.ROOT, "%s%s: %.1f above %.1f", type,
        alert.foot() == null ? "" : " (" + alert.foot().letter() + (alert.cell() >= 0 ? " cell " + alert.cell() : "") + ")",
        alert.value(), alert.threshold());
    AlertEvent event = new AlertEvent(wearer.tenant(), wearer.wearerId(), device, alert.atMicros(), type,
        AlertSeverity.WARNING, alert.value(), alert.threshold(), message);
    submit(() -> store.writeAlerts(List.of(event)));
  }

  /**
   * Writes the samples every thread holds, and again what failed; then completes when the store has
   * committed everything handed over so far.
   */
  @Override
  public CompletionStage<Void> flush() {
    for (HeldRawSamples h : held) {
      synchronized (h) {
        writeRaw(h.takeAll());
      }
    }
    List<CompletableFuture<Void>> retries = retryFailed();
    // Each store writer completes writes in submission order: every failure is recorded before the flush ends.
    return store.flush()
        .thenCompose(v -> CompletableFuture.allOf(retries.toArray(CompletableFuture[]::new)))
        .thenCompose(v -> failed.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
            : CompletableFuture.<Void>failedFuture(new IllegalStateException(
                failed.size() + " store writes failed; they are written again at the next flush")));
  }

  private CompletableFuture<Void> submit(Supplier<CompletionStage<Void>> write) {
    CompletableFuture<Void> stage = offer(write);
    for (long wait = FULL_QUEUE_FIRST_WAIT_NANOS; refusedAsFull(stage);
        wait = Math.min(2 * wait, FULL_QUEUE_MAX_WAIT_NANOS)) {
      LockSupport.parkNanos(wait);
      stage = offer(write);
    }
    return stage.handle((v, failure) -> {
      if (failure != null && !rejectedForGood(failure)) {
        log.debug("store write failed; kept for a retry", failure);
        failed.add(write);
      }
      return null;
    });
  }

  /** The store dead-lettered it (and logged and counted it): writing it again cannot succeed. */
  private static boolean rejectedForGood(Throwable failure) {
    return unwrap(failure) instanceof StoreException e && e.reason() == StoreException.Reason.REJECTED;
  }

  private static CompletableFuture<Void> offer(Supplier<CompletionStage<Void>> write) {
    try {
      return write.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Refused at once because the store's queue was full (any other failure is kept for a retry). */
  private static boolean refusedAsFull(CompletableFuture<Void> stage) {
    if (!stage.isCompletedExceptionally()) {
      return false;
    }
    Throwable failure = stage.handle((v, t) -> t).join();
    return unwrap(failure) instanceof StoreException e && e.reason() == StoreException.Reason.QUEUE_FULL
        && !Thread.currentThread().isInterrupted();
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  private static double sum(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b;
  }

  private static Side side(FootSide foot) {
    return foot == FootSide.LEFT ? Side.L : Side.R;
  }

  private static TimeQuality quality(com.plantar.gateway.timing.TimeQuality quality) {
    return switch (quality) {
      case ANCHORED -> TimeQuality.SYNCED;
      case HELLO_ESTIMATE -> TimeQuality.ESTIMATED;
      case UNSYNCED -> TimeQuality.UNSYNCED;
    };
  }

  private static StrideMetrics metrics(Stride stride) {
    StrideMetrics.Builder m = StrideMetrics.builder();
    put(m, StrideMetric.STRIDE_TIME_S, stride.timing().strideS());
    put(m, StrideMetric.STANCE_TIME_S, stride.timing().stanceS());
    put(m, StrideMetric.SWING_TIME_S, stride.timing().swingS());
    put(m, StrideMetric.STANCE_PCT, stride.timing().stancePct());
    put(m, StrideMetric.DOUBLE_SUPPORT_S, stride.timing().doubleSupportS());
    put(m, StrideMetric.DOUBLE_SUPPORT_PCT, stride.timing().doubleSupportPct());
    if (stride.force() != null) {
      put(m, StrideMetric.PEAK_FORCE_TOTAL_N, stride.force().maxForce());
      put(m, StrideMetric.LOADING_RATE_N_PER_S, stride.force().loadingRatePerS());
      put(m, StrideMetric.IMPULSE_N_S, stride.force().impulse());
    }
    PressureProfile p = stride.pressure();
    if (p != null) {
      put(m, StrideMetric.PEAK_PRESSURE_KPA, Math.max(Math.max(p.heelPeakKpa(), p.midfootPeakKpa()),
          Math.max(p.forefootPeakKpa(), p.toesPeakKpa())));
      put(m, StrideMetric.COP_PATH_LENGTH_MM, p.lengthMm());
      put(m, StrideMetric.COP_ML_RANGE_MM, p.mlExcursionMm());
      put(m, StrideMetric.COP_AP_RANGE_MM, Math.abs(p.endYMm() - p.startYMm()));
      put(m, StrideMetric.LOAD_SHARE_HEEL, p.heelShare());
      put(m, StrideMetric.LOAD_SHARE_MIDFOOT, p.midfootShare());
      put(m, StrideMetric.LOAD_SHARE_FOREFOOT, p.forefootShare());
      put(m, StrideMetric.LOAD_SHARE_TOES, p.toesShare());
      put(m, StrideMetric.LOAD_SHARE_MEDIAL, p.medialShare());
      put(m, StrideMetric.LOAD_SHARE_LATERAL, p.lateralShare());
    }
    return m.build();
  }

  /** Only finite values are stored; a metric that could not be computed is left out. */
  private static void put(StrideMetrics.Builder m, StrideMetric metric, double value) {
    if (Double.isFinite(value)) {
      m.put(metric, value);
    }
  }
}
