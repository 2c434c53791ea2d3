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
import java.util.concurrent.CompletionStage;

/**
 * A {@link TimeSeriesStore} made of an adapter's two halves: writes go to its {@link StoreWriter}
 * (one writer thread, bounded queue), reads to its {@link StoreReads} on the caller's thread, once the
 * writer has published what it committed. On close, the writer finishes what is queued, then {@code
 * release} frees the adapter's resources.
 */
public final class WriterBackedStore implements TimeSeriesStore {
  private final StoreWriter writer;
  private final StoreReads reads;
  private final Runnable release;

  public WriterBackedStore(StoreWriter writer, StoreReads reads, Runnable release) {
    this.writer = writer;
    this.reads = reads;
    this.release = release;
  }

  @Override
  public CompletionStage<Void> writeRawSamples(RawSampleBatch batch) {
    return writer.submit(StoreWrite.Raw.of(List.of(batch)));
  }

  @Override
  public CompletionStage<Void> writeRawSamples(List<RawSampleBatch> batches) {
    return writer.submit(StoreWrite.Raw.of(List.copyOf(batches)));
  }

  @Override
  public CompletionStage<Void> writeStrides(List<StrideRow> rows) {
    return writer.submit(new StoreWrite.Strides(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeWindowSummaries(List<WindowSummaryRow> rows) {
    return writer.submit(new StoreWrite.Windows(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeBalance(List<BalanceRow> rows) {
    return writer.submit(new StoreWrite.Balance(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeAlerts(List<AlertEvent> events) {
    return writer.submit(new StoreWrite.Alerts(List.copyOf(events)));
  }

  @Override
  public CompletionStage<Void> flush() {
    return writer.flush();
  }

  @Override
  public List<RawSample> readRawSamples(String tenant, String device, TimeRange range) {
    writer.awaitPublished();
    return reads.raw(tenant, device, range);
  }

  @Override
  public List<StrideRow> readStrides(String tenant, String wearer, TimeRange range) {
    writer.awaitPublished();
    return reads.strides(tenant, wearer, range);
  }

  @Override
  public List<WindowSummaryRow> readWindowSummaries(String tenant, String wearer, TimeRange range) {
    writer.awaitPublished();
    return reads.windows(tenant, wearer, range);
  }

  @Override
  public List<BalanceRow> readBalance(String tenant, String wearer, TimeRange range) {
    writer.awaitPublished();
    return reads.balance(tenant, wearer, range);
  }

  @Override
  public List<AlertEvent> readAlerts(String tenant, String wearer, TimeRange range) {
    writer.awaitPublished();
    return reads.alerts(tenant, wearer, range);
  }

  @Override
  public List<TrendPoint> readStrideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range) {
    writer.awaitPublished();
    return reads.strideTrend(tenant, wearer, metric, bucket, range);
  }

  @Override
  public StoreStats stats() {
    return writer.stats();
  }

  @Override
  public void close() {
    writer.close();
    release.run();
  }
}
