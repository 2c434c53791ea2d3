package com.plantar.gateway.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StoreException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer thread's queue, grouping, completion order and shutdown, with a committer written here. */
class StoreWriterTest {
  private static StoreWrite.Strides rows(int n) {
    return new StoreWrite.Strides(java.util.Collections.nCopies(n, null));
  }

  /** A committer that records each group's size and can be held at its next commit. */
  private static final class GatedCommitter implements StoreWriter.Committer {
    final List<Integer> groups = java.util.Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean fail;

    @Override
    public void commit(List<StoreWrite> group, java.util.concurrent.atomic.AtomicLong retries,
        java.util.concurrent.atomic.AtomicLong dropped) throws Exception {
      entered.countDown();
      release.await();
      groups.add(group.stream().mapToInt(StoreWrite::rowCount).sum());
      if (fail) {
        throw new IllegalStateException("disk on fire");
      }
    }
  }

  private static Reason reasonOf(CompletionStage<Void> stage) {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return ((StoreException) e.getCause()).reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void refusesWritesWithQueueFullWhileTheWriterIsBusyAndCountsThem() throws Exception {
    GatedCommitter committer = new GatedCommitter();
    try (StoreWriter writer = new StoreWriter("test-writer", 2, 100, committer)) {
      CompletionStage<Void> inFlight = writer.submit(rows(1));
      committer.entered.await(10, TimeUnit.SECONDS);
      CompletionStage<Void> queued1 = writer.submit(rows(1));
      CompletionStage<Void> queued2 = writer.submit(rows(1));
      CompletionStage<Void> refused = writer.submit(rows(1));

      assertThat(reasonOf(refused)).isEqualTo(Reason.QUEUE_FULL);
      assertThat(writer.stats().refusedWrites()).isEqualTo(1);
      committer.release.countDown();
      assertThat(reasonOf(inFlight)).isNull();
      assertThat(reasonOf(queued1)).isNull();
      assertThat(reasonOf(queued2)).isNull();
      assertThat(writer.stats().rowsCommitted()).isEqualTo(3);
    }
  }

  @Test
  void groupsQueuedWritesUpToTheBatchSizeIntoOneCommit() throws Exception {
    GatedCommitter committer = new GatedCommitter();
    try (StoreWriter writer = new StoreWriter("test-writer", 100, 10, committer)) {
      writer.submit(rows(1));
      committer.entered.await(10, TimeUnit.SECONDS);
      for (int i = 0; i < 8; i++) {
        writer.submit(rows(3));
      }
      committer.release.countDown();
      writer.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(committer.groups).containsExactly(1, 12, 12);
    }
  }

  @Test
  void failsEveryWriteOfAFailedCommitWithWriteFailedButCompletesFlush() throws Exception {
    GatedCommitter committer = new GatedCommitter();
    committer.fail = true;
    committer.release.countDown();
    try (StoreWriter writer = new StoreWriter("test-writer", 10, 100, committer)) {
      CompletionStage<Void> write = writer.submit(rows(2));
      CompletionStage<Void> flush = writer.flush();

      assertThat(reasonOf(write)).isEqualTo(Reason.WRITE_FAILED);
      assertThat(reasonOf(flush)).isNull();
      assertThat(writer.stats().failedWrites()).isEqualTo(1);
      assertThat(writer.stats().rowsCommitted()).isZero();
    }
  }

  @Test
  void closeWaitsForInFlightAndQueuedWritesThenRefusesNewOnes() throws Exception {
    GatedCommitter committer = new GatedCommitter();
    StoreWriter writer = new StoreWriter("test-writer", 10, 1, committer);
    CompletionStage<Void> inFlight = writer.submit(rows(1));
    CompletionStage<Void> queued = writer.submit(rows(1));
    committer.entered.await(10, TimeUnit.SECONDS);
    CompletableFuture<Void> closed = CompletableFuture.runAsync(writer::close);

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !closed.isDone());
    committer.release.countDown();
    closed.get(10, TimeUnit.SECONDS);

    assertThat(inFlight.toCompletableFuture()).isCompletedWithValue(null);
    assertThat(queued.toCompletableFuture()).isCompletedWithValue(null);
    assertThat(reasonOf(writer.submit(rows(1)))).isEqualTo(Reason.CLOSED);
    assertThat(reasonOf(writer.flush())).isEqualTo(Reason.CLOSED);
  }

  /** A committer whose commits become readable only through publish, as QuestDB's WAL does. */
  private static final class DeferredCommitter implements StoreWriter.Committer {
    final java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger publishCalls = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void commit(List<StoreWrite> group, java.util.concurrent.atomic.AtomicLong retries,
        java.util.concurrent.atomic.AtomicLong dropped) {
      committed.addAndGet(group.stream().mapToInt(StoreWrite::rowCount).sum());
    }

    @Override
    public boolean publishesOnCommit() {
      return false;
    }

    @Override
    public void publish() {
      publishCalls.incrementAndGet();
      published.set(committed.get());
    }
  }

  @Test
  void awaitPublishedReturnsOnlyOnceEveryCompletedWriteIsPublished() throws Exception {
    DeferredCommitter committer = new DeferredCommitter();
    try (StoreWriter writer = new StoreWriter("test-writer", 1_000, 5, committer)) {
      for (int round = 1; round <= 50; round++) {
        writer.submit(rows(round % 7 + 1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        int completed = committer.committed.get();
        writer.awaitPublished();
        assertThat(committer.published.get()).isGreaterThanOrEqualTo(completed);
      }
    }
  }

  @Test
  void publishesOnItsOwnOnceTheQueueIsIdleAndNotAfterEveryCommitOfAStream() throws Exception {
    DeferredCommitter committer = new DeferredCommitter();
    try (StoreWriter writer = new StoreWriter("test-writer", 10_000, 1, committer)) {
      List<CompletionStage<Void>> stream = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        stream.add(writer.submit(rows(1)));
      }
      stream.get(stream.size() - 1).toCompletableFuture().get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(5)).until(() -> committer.published.get() == 2_000);
      assertThat(writer.stats().commits()).isEqualTo(2_000);
      assertThat(committer.publishCalls.get()).isLessThan(100);
    }
  }

  /** Refuses for good any group that holds a write of exactly {@code poisonRows} rows, as a 4xx would. */
  private static final class PoisonCommitter implements StoreWriter.Committer {
    final int poisonRows;
    final List<Integer> committedRows = java.util.Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);

    PoisonCommitter(int poisonRows) {
      this.poisonRows = poisonRows;
    }

    @Override
    public void commit(List<StoreWrite> group, java.util.concurrent.atomic.AtomicLong retries,
        java.util.concurrent.atomic.AtomicLong dropped) throws Exception {
      release.await();
      if (group.stream().anyMatch(w -> w.rowCount() == poisonRows)) {
        throw new IllegalArgumentException("field type conflict");
      }
      group.forEach(w -> committedRows.add(w.rowCount()));
    }

    @Override
    public boolean isPermanent(Exception failure) {
      return failure instanceof IllegalArgumentException;
    }
  }

  @Test
  void aWriteRejectedForGoodIsDeadLetteredAloneAndTheRestOfItsGroupIsCommitted() throws Exception {
    PoisonCommitter committer = new PoisonCommitter(7);
    try (StoreWriter writer = new StoreWriter("test-writer", 100, 1_000, committer)) {
      List<CompletionStage<Void>> stages = new ArrayList<>();
      for (int rows : new int[] {1, 2, 3, 7, 4, 5, 6, 8}) {
        stages.add(writer.submit(rows(rows)));
      }
      committer.release.countDown();
      writer.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(stages.stream().map(StoreWriterTest::reasonOf).toList())
          .containsExactly(null, null, null, Reason.REJECTED, null, null, null, null);
      assertThat(committer.committedRows).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 8);
      assertThat(writer.stats().rejectedWrites()).isEqualTo(1);
      assertThat(writer.stats().failedWrites()).isZero();
      assertThat(writer.stats().rowsCommitted()).isEqualTo(29);
    }
  }

  @Test
  void aFailureThatIsNotPermanentFailsTheWholeGroupForARetryWithoutSplittingIt() throws Exception {
    GatedCommitter committer = new GatedCommitter();
    committer.fail = true;
    try (StoreWriter writer = new StoreWriter("test-writer", 100, 1_000, committer)) {
      List<CompletionStage<Void>> stages = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        stages.add(writer.submit(rows(2)));
      }
      committer.release.countDown();
      writer.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(stages.stream().map(StoreWriterTest::reasonOf).toList()).containsOnly(Reason.WRITE_FAILED);
      assertThat(committer.groups).hasSizeLessThanOrEqualTo(2);
      assertThat(writer.stats().rejectedWrites()).isZero();
    }
  }
}
