package com.plantar.gateway.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where gait data is kept: raw samples per cell, per-stride rows, window and bout summaries,
 * balance rows and alert events; and the reads the API needs (ranges, strides, trends).
 *
 * <p><b>Writes</b> may be called from any thread (the processing threads). Each store owns two writer
 * threads, each behind a bounded queue, one for raw samples and one for everything else (so that a
 * stride never waits behind raw samples): {@code write…} only enqueues and never blocks. The returned stage
 * completes normally once the rows are <em>committed</em> (QuestDB: WAL commit with fsync, applied to
 * the table later in one go for many commits, and always before a read that starts after the stage
 * completed; InfluxDB: the server answered 2xx to the {@code /write} that carried them), so the journal
 * checkpoint may advance only then. It completes exceptionally with a {@link StoreException}:
 * {@code QUEUE_FULL} or {@code CLOSED} when refused, {@code WRITE_FAILED} after the adapter gave up.
 * Stages complete on a writer thread, in submission order per writer: keep their callbacks short.
 *
 * <p><b>Idempotence</b>: writing the same rows again leaves them stored once (QuestDB dedup upsert
 * keys; InfluxDB point identity = measurement, tag set and timestamp), so a journal replay after a
 * crash is safe. The identity of each row type is stated on its record.
 *
 * <p><b>Reads</b> may be called from any thread, concurrently with writes; they block the caller and
 * see every write whose stage has completed. Ranges are half-open, results ordered by time.
 */
public interface TimeSeriesStore extends AutoCloseable {
  CompletionStage<Void> writeRawSamples(RawSampleBatch batch);

  /**
   * Raw samples of many devices (typically every DATA frame a processing shard handled since its last
   * hand-over) as one write: committed together, in one transaction (QuestDB) or in as few {@code
   * /write}s as the batch size allows (InfluxDB), so the store pays its per-write and per-commit costs
   * once for all of them. The batches' arrays are taken as they are (see {@link RawSampleBatch}).
   */
  CompletionStage<Void> writeRawSamples(List<RawSampleBatch> batches);

  CompletionStage<Void> writeStrides(List<StrideRow> rows);

  CompletionStage<Void> writeWindowSummaries(List<WindowSummaryRow> rows);

  CompletionStage<Void> writeBalance(List<BalanceRow> rows);

  CompletionStage<Void> writeAlerts(List<AlertEvent> events);

  /** Completes when every write submitted before it has completed (normally or not). */
  CompletionStage<Void> flush();

  /** Raw samples of one device in {@code range}, ordered by time. */
  List<RawSample> readRawSamples(String tenant, String device, TimeRange range);

  /** Strides of both feet of a wearer whose initial contact lies in {@code range}, ordered by it, then device. */
  List<StrideRow> readStrides(String tenant, String wearer, TimeRange range);

  /** Window and bout summaries of a wearer starting in {@code range}, ordered by start, then kind (bout first). */
  List<WindowSummaryRow> readWindowSummaries(String tenant, String wearer, TimeRange range);

  List<BalanceRow> readBalance(String tenant, String wearer, TimeRange range);

  List<AlertEvent> readAlerts(String tenant, String wearer, TimeRange range);

  /**
   * Count, mean and sample SD of {@code metric} per {@code bucket} and side over a wearer's strides
   * in {@code range}; buckets without a value are left out. Ordered by bucket, then side (L, R).
   */
  List<TrendPoint> readStrideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range);

  StoreStats stats();

  /**
   * Stops accepting writes, waits for the queued and in-flight ones to commit (or fail), then releases
   * the store. Writes after close fail with {@code CLOSED}.
   */
  @Override
  void close();
}
