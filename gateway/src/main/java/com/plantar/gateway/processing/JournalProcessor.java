package com.plantar.gateway.processing;

import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalCursor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal from its checkpoint and runs every record through a {@link FrameProcessor};
 * once the output has committed what it was given, moves the checkpoint, which lets the journal
 * delete old segments. After a crash it starts again from the checkpoint: the output's idempotent
 * writes make the replay harmless.
 *
 * <p>Threads: one thread, {@code plantar-processor}, owns the cursor, the processor and so every
 * wearer's gait state.
 */
public final class JournalProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalProcessor.class);
  private static final int BATCH = 512;

  private final Journal journal;
  private final FrameProcessor processor;
  private final GaitOutput output;
  private final Duration checkpointInterval;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long processedIndex;

  public JournalProcessor(Journal journal, FrameProcessor processor, GaitOutput output,
      Duration checkpointInterval) {
    this.journal = journal;
    this.processor = processor;
    this.output = output;
    this.checkpointInterval = checkpointInterval;
    this.processedIndex = journal.checkpoint();
    this.thread = new Thread(this::run, "plantar-processor");
    thread.setDaemon(true);
  }

  public JournalProcessor start() {
    thread.start();
    return this;
  }

  /** Records processed so far (the journal's durable index minus this is the processing lag). */
  public long processedIndex() {
    return processedIndex;
  }

  public ProcessingCounters counters() {
    return processor.counters();
  }

  private void run() {
    long lastCheckpoint = System.nanoTime();
    try (JournalCursor cursor = journal.cursor(journal.checkpoint())) {
      while (running) {
        int read = cursor.poll(BATCH, record -> processor.process(record.frame()));
        processedIndex = cursor.nextIndex();
        boolean due = System.nanoTime() - lastCheckpoint >= checkpointInterval.toNanos();
        if (due && processedIndex > journal.checkpoint()) {
          checkpoint(processedIndex);
          lastCheckpoint = System.nanoTime();
        }
        if (read == 0) {
          TimeUnit.MILLISECONDS.sleep(10); // idle: nothing durable is waiting; poll again shortly
        }
      }
      processor.finish();
      checkpoint(cursor.nextIndex());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("processing stopped at journal index {}", processedIndex, e);
    }
  }

  /**
   * Moves the checkpoint once the output has committed everything up to {@code index}. When it has
   * not (the store is down), the checkpoint stays, the journal keeps the data, and the output writes
   * again what failed at the next attempt.
   */
  private void checkpoint(long index) throws IOException {
    try {
      output.flush().toCompletableFuture().join();
    } catch (java.util.concurrent.CompletionException e) {
      log.warn("output not committed, checkpoint stays at {}: {}", journal.checkpoint(), e.getCause().getMessage());
      return;
    }
    journal.commitCheckpoint(index);
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
