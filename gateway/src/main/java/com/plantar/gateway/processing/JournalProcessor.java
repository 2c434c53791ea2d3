package com.plantar.gateway.processing;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalCursor;
import com.plantar.gateway.journal.JournalRecord;
import com.plantar.gateway.processing.ProcessingShard.Routed;
import com.plantar.protocol.MessageType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal from its checkpoint and has every record processed by one of N
 * {@link ProcessingShard}s, chosen by the record's wearer; moves the checkpoint once every shard has
 * processed, and the output committed, everything before it. After a crash it starts again from the
 * checkpoint: the output's idempotent writes make the replay harmless.
 *
 * <p>Why one reader handing off to shards rather than one cursor per shard filtering the journal:
 * the journal is read and CRC-checked once instead of N times, the wearer is looked up once per
 * frame, HELLO/ANCHOR context is appended once, and the reader sees every index, so the checkpoint is
 * a plain low watermark over the shards (below).
 *
 * <p>Threads: {@code plantar-processor-reader} owns the cursor, the routing and the checkpoint;
 * {@code plantar-processor-N} (one per shard) owns its wearers' gait state. A wearer always hashes to
 * the same shard, so its frames stay in journal order.
 */
public final class JournalProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalProcessor.class);
  private static final int BATCH = 512;

  private final Journal journal;
  private final Journal context;
  private final WearerDirectory wearers;
  private final GaitOutput output;
  private final ProcessingConfig config;
  private final List<ProcessingShard> shards = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long processedIndex;

  // Reader thread only:
  private final List<CompletableFuture<Void>> contextWrites = new ArrayList<>();
  /** Per shard: one past the index of the last record handed to it. */
  private final long[] handedThrough;
  /** One past the index of the last record handed to any shard (every lower one has been). */
  private long dispatchedThrough;
  private CompletableFuture<Void> pendingCommit;
  private long pendingIndex;
  private long lastCheckpointNanos;

  /**
   * @param context a small journal of its own where HELLO and ANCHOR frames are kept: they describe
   *     insoles and their clocks for every later DATA frame, so they must outlive the checkpoint
   *     that lets the main journal delete them; they are read back first on every start
   * @param output called on the shard threads (each wearer's calls always on the same one), so an
   *     output shared by the shards must be thread-safe
   */
  public JournalProcessor(Journal journal, Journal context, WearerDirectory wearers, GaitOutput output,
      GaitConfig gaitConfig, ProcessingConfig config) {
    this(journal, context, wearers, output, LiveTap.NONE, gaitConfig, config);
  }

  /** As above, also telling {@code live} what each frame said (on the wearer's shard thread). */
  public JournalProcessor(Journal journal, Journal context, WearerDirectory wearers, GaitOutput output,
      LiveTap live, GaitConfig gaitConfig, ProcessingConfig config) {
    this.journal = journal;
    this.context = context;
    this.wearers = wearers;
    this.output = output;
    this.config = config;
    long start = journal.checkpoint();
    this.processedIndex = start;
    this.dispatchedThrough = start;
    this.handedThrough = new long[config.shards()];
    for (int s = 0; s < config.shards(); s++) {
      shards.add(new ProcessingShard(s, new FrameProcessor(output, live, gaitConfig), config.shardQueueCapacity(), start));
      handedThrough[s] = start;
    }
    this.thread = new Thread(this::run, "plantar-processor-reader");
    thread.setDaemon(true);
  }

  public JournalProcessor start() {
    shards.forEach(ProcessingShard::start);
    thread.start();
    return this;
  }

  /** Every record below this index has been processed (the journal's durable index minus this is the lag). */
  public long processedIndex() {
    return processedIndex;
  }

  /** Whether the reader and every shard are still running (false after close, or once one stopped on an error). */
  public boolean alive() {
    return thread.isAlive() && shards.stream().allMatch(ProcessingShard::alive);
  }

  /** The shards' counters, summed now. */
  public ProcessingCounters counters() {
    return ProcessingCounters.sum(shards.stream().map(ProcessingShard::counters).toList());
  }

  private void run() {
    lastCheckpointNanos = System.nanoTime();
    try (JournalCursor cursor = journal.cursor(journal.checkpoint())) {
      context.read(0, record -> dispatch(-1, record.frame()));
      while (running) {
        int read = cursor.poll(BATCH, this::dispatch);
        processedIndex = lowWatermark();
        checkpointWhenDue();
        if (read == 0) {
          TimeUnit.MILLISECONDS.sleep(10); // idle: nothing durable is waiting; poll again shortly
        }
      }
      // Closing: process everything that is durable by now, so a clean stop leaves no lag behind.
      while (cursor.poll(BATCH, this::dispatch) > 0) {
        processedIndex = lowWatermark();
      }
      for (ProcessingShard shard : shards) {
        shard.stop(TimeUnit.SECONDS.toMillis(20)); // finishes its wearers' open strides too
      }
      processedIndex = lowWatermark();
      awaitPendingCommit();
      startCommit(processedIndex);
      awaitPendingCommit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("processing stopped at journal index {}", processedIndex, e);
    }
  }

  private void dispatch(JournalRecord record) {
    dispatch(record.index(), record.frame());
  }

  /** Hands a frame to its wearer's shard; {@code index} -1 marks context read back at start. */
  private void dispatch(long index, AcceptedFrame frame) {
    WearerRef wearer = wearers.wearerOf(frame.tenant(), frame.deviceId());
    int shard = shardOf(wearer, shards.size());
    try {
      shards.get(shard).hand(new Routed(index, frame, wearer));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing journal index " + index + " to shard " + shard, e);
    }
    if (index < 0) {
      return;
    }
    handedThrough[shard] = index + 1;
    dispatchedThrough = index + 1;
    if (frame.type() == MessageType.HELLO || frame.type() == MessageType.ANCHOR) {
      contextWrites.add(context.append(frame).toCompletableFuture());
    }
  }

  /** The shard that owns {@code wearer}'s state: the same one for as long as the process runs. */
  static int shardOf(WearerRef wearer, int shardCount) {
    return Math.floorMod(wearer.hashCode(), shardCount);
  }

  /**
   * The highest index below which every shard has processed every record it was handed. A shard that
   * has processed all it was handed holds nothing back; one that has not holds back from its last
   * processed record on (its next one has a higher index). Shards hand their output everything of a
   * record before they report it processed, so the output's flush, called after this, covers it.
   */
  private long lowWatermark() {
    long low = dispatchedThrough;
    for (int s = 0; s < shards.size(); s++) {
      long completed = shards.get(s).completedThrough();
      if (completed < handedThrough[s]) {
        low = Math.min(low, completed);
      }
    }
    return low;
  }

  /**
   * Every checkpoint interval: asks the output to commit what it has (without waiting for it here, so
   * routing goes on), and moves the checkpoint when that completed. When it failed (the store is down),
   * the checkpoint stays, the journal keeps the data, and the output writes again what failed at the
   * next attempt.
   */
  private void checkpointWhenDue() {
    if (pendingCommit != null) {
      if (!pendingCommit.isDone()) {
        return;
      }
      finishPendingCommit();
    }
    if (System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval().toNanos()
        && processedIndex > journal.checkpoint()) {
      startCommit(processedIndex);
    }
  }

  private void startCommit(long index) {
    List<CompletableFuture<Void>> commits = new ArrayList<>(contextWrites);
    commits.add(output.flush().toCompletableFuture());
    pendingCommit = CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new));
    pendingIndex = index;
    lastCheckpointNanos = System.nanoTime();
  }

  private void awaitPendingCommit() {
    if (pendingCommit != null) {
      try {
        pendingCommit.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        log.warn("output did not commit within 30 s; checkpoint stays at {}", journal.checkpoint());
        pendingCommit = null;
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pendingCommit = null;
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        // Failed: reported by finishPendingCommit below.
      }
      finishPendingCommit();
    }
  }

  private void finishPendingCommit() {
    try {
      pendingCommit.join();
      // Only context appends that completed are dropped: a failed one keeps failing the checkpoint.
      contextWrites.removeIf(write -> write.isDone() && !write.isCompletedExceptionally());
      if (pendingIndex > journal.checkpoint()) {
        journal.commitCheckpoint(pendingIndex);
      }
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      log.warn("output not committed, checkpoint stays at {}: {}", journal.checkpoint(),
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
    } catch (IOException e) {
      log.warn("checkpoint not written, stays at {}: {}", journal.checkpoint(), e.toString());
    } finally {
      pendingCommit = null;
    }
  }

  /** Processes what is durable, finishes open strides, checkpoints, and stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
