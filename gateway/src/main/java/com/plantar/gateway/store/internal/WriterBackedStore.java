package com.plantar.gateway.store.internal;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreStats;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link TimeSeriesStore} made of an adapter's halves: writes go to its two {@link StoreWriter}s
 * (each one writer thread, bounded queue), reads to its {@link StoreReads} on the caller's thread, once
 * the writer of what they read has published what it committed. Raw samples have a writer of their
 * own, and strides, summaries, balance and alerts share the other: a stride is small and what the
 * dashboard waits for, so it must not queue behind (or be published with) tens of thousands of raw
 * rows. On close, both writers finish what is queued, then {@code release} frees the adapter's
 * resources.
 */
public final class WriterBackedStore implements TimeSeriesStore {
  private final StoreWriter samples;
  private final StoreWriter results;
  private final StoreReads reads;
  private final Runnable release;

  /**
   * @param samples the writer of raw samples
   * @param results the writer of strides, window and bout summaries, balance rows and alerts
   */
  public WriterBackedStore(StoreWriter samples, StoreWriter results, StoreReads reads, Runnable release) {
    this.samples = samples;
    this.results = results;
    this.reads = reads;
    this.release = release;
  }

  @Override
  public CompletionStage<Void> writeRawSamples(RawSampleBatch batch) {
    return samples.submit(StoreWrite.Raw.of(List.of(batch)));
  }

  @Override
  public CompletionStage<Void> writeRawSamples(List<RawSampleBatch> batches) {
    return samples.submit(StoreWrite.Raw.of(List.copyOf(batches)));
  }

  @Override
  public CompletionStage<Void> writeStrides(List<StrideRow> rows) {
    return results.submit(new StoreWrite.Strides(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeWindowSummaries(List<WindowSummaryRow> rows) {
    return results.submit(new StoreWrite.Windows(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeBalance(List<BalanceRow> rows) {
    return results.submit(new StoreWrite.Balance(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeAlerts(List<AlertEvent> events) {
    return results.submit(new StoreWrite.Alerts(List.copyOf(events)));
  }

  /** Completes when both writers have completed everything submitted to them before it. */
  @Override
  public CompletionStage<Void> flush() {
    CompletableFuture<Void> rawDone = samples.flush().toCompletableFuture();
    CompletableFuture<Void> resultsDone = results.flush().toCompletableFuture();
    return CompletableFuture.allOf(rawDone, resultsDone);
  }

  @Override
  public List<RawSample> readRawSamples(String tenant, String device, TimeRange range) {
    samples.awaitPublished();
    return reads.raw(tenant, device, range);
  }

  @Override
  public List<StrideRow> readStrides(String tenant, String wearer, TimeRange range) {
    results.awaitPublished();
    return reads.strides(tenant, wearer, range);
  }

  @Override
  public List<WindowSummaryRow> readWindowSummaries(String tenant, String wearer, TimeRange range) {
    results.awaitPublished();
    return reads.windows(tenant, wearer, range);
  }

  @Override
  public List<BalanceRow> readBalance(String tenant, String wearer, TimeRange range) {
    results.awaitPublished();
    return reads.balance(tenant, wearer, range);
  }

  @Override
  public List<AlertEvent> readAlerts(String tenant, String wearer, TimeRange range) {
    results.awaitPublished();
    return reads.alerts(tenant, wearer, range);
  }

  @Override
  public List<TrendPoint> readStrideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range) {
    results.awaitPublished();
    return reads.strideTrend(tenant, wearer, metric, bucket, range);
  }

  /** Both writers' counters, added up. */
  @Override
  public StoreStats stats() {
    return samples.stats().plus(results.stats());
  }

  @Override
  public void close() {
    try {
      samples.close();
      results.close();
    } finally {
      release.run();
    }
  }
}
