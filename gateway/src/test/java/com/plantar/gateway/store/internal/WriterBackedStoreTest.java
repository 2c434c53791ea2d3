package com.plantar.gateway.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Raw samples and gait results go to separate writers: a stride is committed and readable while a
 * raw write is still being committed, and a flush covers both (the journal checkpoint waits for both).
 */
class WriterBackedStoreTest {
  private static final long T0 = 1_793_577_600_000_000L;

  /** Holds every commit until released; counts the groups it committed. */
  private static final class HeldCommitter implements StoreWriter.Committer {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicLong groups = new AtomicLong();

    @Override
    public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) throws Exception {
      entered.countDown();
      release.await();
      groups.incrementAndGet();
    }
  }

  /** Reads that answer at once; what this test checks is that a read does not wait for the raw writer. */
  private static final class NoReads implements StoreReads {
    @Override
    public List<RawSample> raw(String tenant, String device, TimeRange range) {
      return List.of();
    }

    @Override
    public List<StrideRow> strides(String tenant, String wearer, TimeRange range) {
      return List.of();
    }

    @Override
    public List<WindowSummaryRow> windows(String tenant, String wearer, TimeRange range) {
      return List.of();
    }

    @Override
    public List<BalanceRow> balance(String tenant, String wearer, TimeRange range) {
      return List.of();
    }

    @Override
    public List<AlertEvent> alerts(String tenant, String wearer, TimeRange range) {
      return List.of();
    }

    @Override
    public List<TrendPoint> strideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
        TimeRange range) {
      return List.of();
    }
  }

  private static RawSampleBatch raw() {
    return new RawSampleBatch("acme", "w1", "dev-1", Side.L, new long[] {T0}, new int[] {1}, 1, TimeQuality.SYNCED);
  }

  private static StrideRow stride() {
    return new StrideRow("acme", "w1", "dev-1", Side.L, T0, T0 + 600_000, T0 + 1_100_000,
        StrideMetrics.builder().build());
  }

  @Test
  void aStrideCommitsAndReadsWhileARawWriteIsStillBeingCommittedAndFlushWaitsForBoth() throws Exception {
    HeldCommitter rawCommitter = new HeldCommitter();
    HeldCommitter resultsCommitter = new HeldCommitter();
    resultsCommitter.release.countDown();
    StoreWriter samples = new StoreWriter("test-raw", 16, 100, rawCommitter);
    StoreWriter results = new StoreWriter("test-results", 16, 100, resultsCommitter);
    try (WriterBackedStore store = new WriterBackedStore(samples, results, new NoReads(), () -> {})) {
      CompletableFuture<Void> rawWrite = store.writeRawSamples(List.of(raw())).toCompletableFuture();
      assertThat(rawCommitter.entered.await(10, TimeUnit.SECONDS)).isTrue();

      store.writeStrides(List.of(stride())).toCompletableFuture().get(10, TimeUnit.SECONDS);
      CompletableFuture<List<StrideRow>> read = CompletableFuture.supplyAsync(
          () -> store.readStrides("acme", "w1", new TimeRange(T0, T0 + 1)));
      assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
      CompletableFuture<Void> flushed = store.flush().toCompletableFuture();
      assertThat(resultsCommitter.groups.get()).isEqualTo(1);
      assertThat(rawWrite).isNotDone();
      assertThat(flushed).isNotDone();

      rawCommitter.release.countDown();
      flushed.get(10, TimeUnit.SECONDS);
      assertThat(rawWrite).isCompleted();
      assertThat(store.stats().rowsCommitted()).isEqualTo(2);
      assertThat(store.stats().commits()).isEqualTo(2);
    }
  }
}
