package com.plantar.gateway.store.internal;

import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StoreException.Reason;
import com.plantar.gateway.store.StoreStats;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's single writer thread and its bounded queue. {@link #submit} (any thread) enqueues without
 * blocking and is refused with {@code QUEUE_FULL} when the queue is full. The writer thread takes
 * whole calls from the queue until they hold about {@code batchRows} rows, hands them to the {@link
 * Committer} in one go, and completes their stages, in submission order, when it returns (or fails
 * them all with {@code WRITE_FAILED} when it throws: a replay is safe since writes are idempotent).
 * When the committer calls a failure permanent, the group is split in halves and committed again
 * until the writes that fail stand alone: they fail with {@code REJECTED} (dead letter: logged,
 * counted, not to be retried) and every other write of the group is committed; a raw write of many
 * devices' batches is split the same way, down to the batches refused.
 *
 * <p>Committed is not always visible: a committer may make its commits readable later, in one go
 * ({@link Committer#publish}; QuestDB applies its WAL to the tables). The writer thread publishes
 * when its queue has been idle for {@link #IDLE_NANOS}, and at once when a read asks through {@link
 * #awaitPublished}, so that reads still see every write whose stage has completed.
 *
 * <p>Threads: the committer, and everything it owns, is used only on the writer thread.
 */
public final class StoreWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

  /** Commits a group of writes; runs on the writer thread only. */
  @FunctionalInterface
  public interface Committer {
    /**
     * Stores every write of {@code group} durably, or throws. It adds the retries it made to {@code
     * retries}, and to {@code dropped} the rows the backend discarded on purpose (older than retention).
     */
    void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) throws Exception;

    /** Whether a commit is readable as soon as it returns; when not, {@link #publish} makes it so. */
    default boolean publishesOnCommit() {
      return true;
    }

    /** Makes every committed write readable; runs on the writer thread only. */
    default void publish() throws Exception {}

    /**
     * Whether {@code failure} (thrown by {@link #commit}) says the backend refused the content for
     * good, so that the same write can never succeed; a store that is down is not that.
     */
    default boolean isPermanent(Exception failure) {
      return false;
    }
  }

  private record Pending(StoreWrite write, CompletableFuture<Void> committed) {}

  private static final StoreWrite FLUSH_MARKER = new StoreWrite.Strides(List.of());
  private static final StoreWrite CLOSE_MARKER = new StoreWrite.Strides(List.of());
  /** Wakes an idle writer thread so that it publishes for a waiting read. */
  private static final StoreWrite PUBLISH_MARKER = new StoreWrite.Strides(List.of());
  /**
   * How long the queue stays empty before the writer publishes on its own. Short enough that a quiet
   * store is readable at once; long enough that a steady stream (a write every few ms) is not
   * published after every commit, which would double the fsyncs (QuestDB's WAL apply commits again).
   */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final BlockingQueue<Pending> queue;
  private final int batchRows;
  private final Committer committer;
  private final Thread thread;
  private final AtomicLong rowsCommitted = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closing;
  // Written by the writer thread only; read by readers in awaitPublished, under publishLock for waits.
  private volatile long committedGroups;
  private volatile long publishedGroups;
  private volatile boolean publishRequested;
  private volatile boolean stopped;
  private final Object publishLock = new Object();

  public StoreWriter(String threadName, int queueCapacity, int batchRows, Committer committer) {
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.batchRows = batchRows;
    this.committer = committer;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  public CompletionStage<Void> submit(StoreWrite write) {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    if (closing) {
      refused.incrementAndGet();
      committed.completeExceptionally(new StoreException(Reason.CLOSED, "store is closed"));
    } else if (!queue.offer(new Pending(write, committed))) {
      refused.incrementAndGet();
      committed.completeExceptionally(new StoreException(Reason.QUEUE_FULL,
          "store writer queue is full (" + queue.size() + " writes waiting)"));
    }
    return committed;
  }

  /** Completes after every write submitted before it; waits for queue space if needed. */
  public CompletionStage<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new StoreException(Reason.CLOSED, "store is closed"));
      return done;
    }
    try {
      queue.put(new Pending(FLUSH_MARKER, done));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(e);
    }
    return done;
  }

  /**
   * Blocks until every write whose stage has completed is readable (at once when the committer
   * publishes on commit, or nothing is pending). Called by reads, from any thread.
   */
  public void awaitPublished() {
    long target = committedGroups;
    if (publishedGroups >= target) {
      return;
    }
    publishRequested = true;
    // The marker only wakes a writer waiting on an empty queue; a busy one sees the flag after its commit.
    queue.offer(new Pending(PUBLISH_MARKER, new CompletableFuture<>()));
    boolean interrupted = false;
    synchronized (publishLock) {
      while (publishedGroups < target && !stopped) {
        try {
          publishLock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public StoreStats stats() {
    return new StoreStats(rowsCommitted.get(), commits.get(), refused.get(), failed.get(), retries.get(), dropped.get(),
        rejected.get());
  }

  /** Refuses new writes, lets the writer thread finish every queued one, and waits for it. */
  @Override
  public void close() {
    closing = true;
    boolean interrupted = false;
    // Not an interrupt: that could cut an HTTP write or a WAL commit in the middle.
    while (true) {
      try {
        queue.put(new Pending(CLOSE_MARKER, new CompletableFuture<>()));
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    List<StoreWrite> writes = new ArrayList<>();
    boolean closeSeen = false;
    while (!closeSeen) {
      Pending next = takeOrPublishWhenIdle();
      group.clear();
      writes.clear();
      int rows = 0;
      while (next != null) {
        if (next.write() == CLOSE_MARKER) {
          closeSeen = true;
          break;
        }
        group.add(next);
        if (next.write() != FLUSH_MARKER && next.write() != PUBLISH_MARKER) {
          writes.add(next.write());
          rows += next.write().rowCount();
        }
        next = rows < batchRows ? queue.poll() : null;
      }
      commitAndComplete(group, writes, rows);
      if (publishRequested) {
        publishPending();
      }
    }
    // The committer publishes everything when it closes: release any read still waiting.
    synchronized (publishLock) {
      stopped = true;
      publishLock.notifyAll();
    }
    // A write that slipped in while close was being called: refuse it rather than leave it hanging.
    for (Pending late; (late = queue.poll()) != null; ) {
      refused.incrementAndGet();
      late.committed().completeExceptionally(new StoreException(Reason.CLOSED, "store is closed"));
    }
  }

  private Pending takeOrPublishWhenIdle() {
    while (true) {
      try {
        if (publishedGroups < committedGroups) {
          Pending next = queue.poll(IDLE_NANOS, TimeUnit.NANOSECONDS);
          if (next != null) {
            return next;
          }
          publishPending();
        }
        return queue.take();
      } catch (InterruptedException e) {
        // Only close() ends this thread, through the close marker.
      }
    }
  }

  private void publishPending() {
    publishRequested = false;
    long target = committedGroups;
    if (publishedGroups >= target) {
      return;
    }
    try {
      committer.publish();
    } catch (Exception e) {
      // The rows are committed (durable); they stay unreadable until a later publish succeeds. Readers
      // are released anyway rather than blocked behind a backend fault.
      log.warn("store publish of committed writes failed: {}", e.toString());
    }
    synchronized (publishLock) {
      publishedGroups = target;
      publishLock.notifyAll();
    }
  }

  private void commitAndComplete(List<Pending> group, List<StoreWrite> writes, int rows) {
    if (!writes.isEmpty()) {
      try {
        commit(writes, rows);
      } catch (Exception e) {
        completeAfterFailure(group, writes.size(), rows, e);
        return;
      }
    }
    for (Pending p : group) {
      p.committed().complete(null);
    }
  }

  private void completeAfterFailure(List<Pending> group, int writes, int rows, Exception e) {
    Map<Pending, Exception> failures = new IdentityHashMap<>();
    List<Pending> real = new ArrayList<>(writes);
    for (Pending p : group) {
      if (p.write() != FLUSH_MARKER && p.write() != PUBLISH_MARKER) {
        real.add(p);
      }
    }
    if (committer.isPermanent(e) && (writes > 1 || isManyBatches(real.get(0).write()))) {
      int half = real.size() / 2;
      if (half > 0) {
        commitIsolating(real.subList(0, half), failures);
      }
      commitIsolating(real.subList(half, real.size()), failures);
    } else {
      log.warn("store commit of {} writes ({} rows) failed: {}", writes, rows, e.toString());
      real.forEach(p -> failures.put(p, e));
    }
    for (Pending p : group) {
      Exception failure = failures.get(p);
      if (failure == null) {
        p.committed().complete(null);
      } else if (committer.isPermanent(failure)) {
        rejected.incrementAndGet();
        if (isManyBatches(p.write())) {
          log.error("store rejected part of a write for good (the batches named above are dead-lettered, the rest "
              + "is committed; not retried): {} ({} rows)", p.write().describe(), p.write().rowCount());
        } else {
          log.error("store rejected a write for good; dead-lettered, not retried (the checkpoint moves past it): "
              + "{} ({} rows): {}", p.write().describe(), p.write().rowCount(), failure.toString());
        }
        p.committed().completeExceptionally(new StoreException(Reason.REJECTED, failure.toString(), failure));
      } else {
        failed.incrementAndGet();
        p.committed().completeExceptionally(new StoreException(Reason.WRITE_FAILED, failure.toString(), failure));
      }
    }
  }

  private void commit(List<StoreWrite> writes, int rows) throws Exception {
    committer.commit(writes, retries, dropped);
    rowsCommitted.addAndGet(rows);
    commits.incrementAndGet();
    committedGroups++;
    if (committer.publishesOnCommit()) {
      publishedGroups = committedGroups;
    }
  }

  private static boolean isManyBatches(StoreWrite write) {
    return write instanceof StoreWrite.Raw raw && raw.batches().size() > 1;
  }

  /**
   * Commits the device batches of one raw write (many devices' samples) in halves until those the
   * backend refuses for good stand alone, so that one device's bad rows do not cost the others theirs.
   * Returns the first failure (the write's stage fails with it: {@code REJECTED} when permanent, when
   * the rest is committed; else {@code WRITE_FAILED}, and the whole write is retried), or null.
   */
  private Exception commitBatchesIsolating(List<RawSampleBatch> batches) {
    StoreWrite.Raw part = StoreWrite.Raw.of(batches);
    try {
      commit(List.of(part), part.rowCount());
      return null;
    } catch (Exception e) {
      if (!committer.isPermanent(e)) {
        return e;
      }
      if (batches.size() == 1) {
        log.error("store rejected raw samples for good; dead-lettered: {} ({} rows): {}", part.describe(),
            part.rowCount(), e.toString());
        return e;
      }
      int half = batches.size() / 2;
      Exception first = commitBatchesIsolating(batches.subList(0, half));
      Exception second = commitBatchesIsolating(batches.subList(half, batches.size()));
      if (first != null && !committer.isPermanent(first)) {
        return first;
      }
      return second != null && !committer.isPermanent(second) ? second : first != null ? first : second;
    }
  }

  /** Commits {@code pending} in halves until each permanently failing write stands alone in {@code failures}. */
  private void commitIsolating(List<Pending> pending, Map<Pending, Exception> failures) {
    List<StoreWrite> writes = new ArrayList<>(pending.size());
    int rows = 0;
    for (Pending p : pending) {
      writes.add(p.write());
      rows += p.write().rowCount();
    }
    try {
      commit(writes, rows);
    } catch (Exception e) {
      if (pending.size() == 1 && committer.isPermanent(e) && pending.get(0).write() instanceof StoreWrite.Raw raw
          && raw.batches().size() > 1) {
        Exception refused = commitBatchesIsolating(raw.batches());
        if (refused != null) {
          failures.put(pending.get(0), refused);
        }
        return;
      }
      if (pending.size() == 1 || !committer.isPermanent(e)) {
        for (Pending p : pending) {
          failures.put(p, e);
        }
        return;
      }
      int half = pending.size() / 2;
      commitIsolating(pending.subList(0, half), failures);
      commitIsolating(pending.subList(half, pending.size()), failures);
    }
  }
}
