package com.plantar.gateway.processing;

import com.plantar.gateway.ingest.AcceptedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processing thread and the frames handed to it. The journal reader routes every frame by its
 * wearer, so this shard's {@link FrameProcessor}, and with it the gait state of every wearer that
 * hashes here, is touched by this thread only. Frames arrive in journal order; once a frame is
 * processed, and so handed to the output, {@link #completedThrough()} passes its index, unless a
 * backlog frame before it is still held for gait (see {@link BackfillLane}).
 */
final class ProcessingShard {
  private static final Logger log = LoggerFactory.getLogger(ProcessingShard.class);
  private static final int BATCH = 256;

  /** A frame, its journal index (-1 for context frames replayed at start) and the wearer it was routed by. */
  record Routed(long index, AcceptedFrame frame, WearerRef wearer) {}

  private static final Routed STOP = new Routed(-1, null, null);

  private final FrameProcessor processor;
  private final BlockingQueue<Routed> queue;
  private final Thread thread;
  private volatile long completedThrough;

  ProcessingShard(int number, FrameProcessor processor, int queueCapacity, long startIndex) {
    this.processor = processor;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.completedThrough = startIndex;
    this.thread = new Thread(this::run, "plantar-processor-" + number);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a frame; waits while the queue is full (processing is behind: the journal keeps the rest). */
  void hand(Routed routed) throws InterruptedException {
    queue.put(routed);
  }

  /** One past the index of the last journal frame this shard has processed (and handed to the output). */
  long completedThrough() {
    return completedThrough;
  }

  ProcessingCounters counters() {
    return processor.counters();
  }

  boolean alive() {
    return thread.isAlive();
  }

  /** Processes what was handed over, finishes every open stride, and ends the thread. */
  void stop(long timeoutMillis) throws InterruptedException {
    queue.put(STOP);
    thread.join(timeoutMillis);
  }

  private void run() {
    List<Routed> batch = new ArrayList<>(BATCH);
    long completed = completedThrough;
    try {
      while (true) {
        Routed first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
        }
        for (Routed routed : batch) {
          if (routed == STOP) {
            processor.finish();
            completedThrough = completed;
            return;
          }
          process(routed);
          if (routed.index() >= 0) {
            completed = routed.index() + 1;
          }
        }
        batch.clear();
        processor.tick();
        // Held backlog frames have no gait results out yet: a restart must process them again.
        completedThrough = Math.min(completed, processor.heldFrom()); // one volatile write per batch
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(Routed routed) {
    try {
      processor.process(routed.frame(), routed.wearer(), routed.index());
    } catch (RuntimeException e) {
      processor.counters().failed++; // a bug, not bad input (ingest validated it): the other wearers go on
      log.error("processing failed for journal index {}; frame skipped", routed.index(), e);
    }
  }
}
