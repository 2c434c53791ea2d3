package com.plantar.gateway.processing;

import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.journal.JournalCursor;
import com.plantar.gateway.journal.JournalRecord;
import com.plantar.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
  private final Journal context;
  private final List<CompletableFuture<Void>> contextWrites = new ArrayList<>();
  private final FrameProcessor processor;
  private final GaitOutput output;
  private final Duration checkpointInterval;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long processedIndex;

  /**
   * @param context a small journal of its own where HELLO and ANCHOR frames are kept: they describe
   *     insoles and their clocks for every later DATA frame, so they must outlive the checkpoint
   *     that lets the main journal delete them; they are read back first on every start
   */
  public JournalProcessor(Journal journal, Journal context, FrameProcessor processor, GaitOutput output,
      Duration checkpointInterval) {
    this.journal = journal;
    this.context = context;
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

  /** Whether the processing thread is still running (false after close, or once it stopped on an error). */
  public boolean alive() {
    return thread.isAlive();
  }

  public ProcessingCounters counters() {
    return processor.counters();
  }

  private void run() {
    long lastCheckpoint = System.nanoTime();
    try (JournalCursor cursor = journal.cursor(journal.checkpoint())) {
      context.read(0, record -> processor.process(record.frame()));
      while (running) {
        int read = cursor.poll(BATCH, this::process);
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
      // Closing: process everything that is durable by now, so a clean stop leaves no lag behind.
      while (cursor.poll(BATCH, this::process) > 0) {
        processedIndex = cursor.nextIndex();
      }
      processedIndex = cursor.nextIndex();
      processor.finish();
      checkpoint(cursor.nextIndex());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("processing stopped at journal index {}", processedIndex, e);
    }
  }

  private void process(JournalRecord record) {
    AcceptedFrame frame = record.frame();
    processor.process(frame);
    if (frame.type() == MessageType.HELLO || frame.type() == MessageType.ANCHOR) {
      contextWrites.add(context.append(frame).toCompletableFuture());
    }
  }

  /**
   * Moves the checkpoint once the output has committed everything up to {@code index}. When it has
   * not (the store is down), the checkpoint stays, the journal keeps the data, and the output writes
   * again what failed at the next attempt.
   */
  private void checkpoint(long index) throws IOException {
    try {
      CompletableFuture.allOf(contextWrites.toArray(CompletableFuture[]::new)).join();
      contextWrites.clear();
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
