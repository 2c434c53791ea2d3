package com.plantar.gateway.store.questdb;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's WAL apply on a thread of its own, so that the writer thread goes on appending and
 * committing (fsync'd WAL: what a completed write promises) while the previous commits are applied to
 * the table. The raw table's apply is an out-of-order merge of every device's rows into the
 * partition's tail followed by an msync of each column: measured at 88 % of the raw writer thread's
 * time when the two took turns (BENCHMARKS.md, 2026-12-02 09:07). After a commit the apply runs at
 * most every {@code intervalNanos} (one apply then covers all the commits since the last, and applies
 * grow when the disk is slow); {@link #applyAndWait} runs one at once for a waiting read.
 *
 * <p>Threads: {@code apply} runs only on this class's thread while it is started; before {@link
 * #start} and after {@link #close} its owner may run it itself.
 */
final class ApplyThread implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApplyThread.class);

  private final Runnable apply;
  private final long intervalNanos;
  private final Thread thread;
  private final Object lock = new Object();
  // Guarded by lock.
  private long requested;
  private long completed;
  private boolean committedSinceApply;
  private long rowsSinceApplyStarted;
  private boolean stopping;
  private RuntimeException lastFailure;
  // The apply thread's own.
  private long lastStartNanos;

  ApplyThread(String name, long intervalNanos, Runnable apply) {
    this.apply = apply;
    this.intervalNanos = intervalNanos;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    this.lastStartNanos = System.nanoTime() - intervalNanos;
  }

  void start() {
    thread.start();
  }

  /**
   * The writer committed {@code rows}: apply within the interval. Returns how many committed rows no
   * apply has started on yet; never blocks on an apply in progress.
   */
  long committed(long rows) {
    synchronized (lock) {
      rowsSinceApplyStarted += rows;
      if (!committedSinceApply) {
        committedSinceApply = true;
        lock.notifyAll();
      }
      return rowsSinceApplyStarted;
    }
  }

  /**
   * Runs an apply that starts after this call and waits for it: everything committed before the call
   * is then applied. Throws what that apply threw.
   */
  void applyAndWait() {
    if (!thread.isAlive()) {
      // Not started yet, or closed: the owner's thread is the only one using the engine's apply.
      apply.run();
      return;
    }
    boolean interrupted = false;
    try {
      synchronized (lock) {
        long target = ++requested;
        lock.notifyAll();
        while (completed < target && thread.isAlive()) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (lastFailure != null) {
          throw lastFailure;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the thread after the apply in progress, if any; the owner applies what is left itself. */
  @Override
  public void close() {
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
    }
    boolean interrupted = false;
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
    while (true) {
      long target;
      synchronized (lock) {
        while (!stopping && requested == completed && !(committedSinceApply && intervalElapsed())) {
          waitForWork();
        }
        if (stopping) {
          lock.notifyAll();
          return;
        }
        target = requested;
        committedSinceApply = false;
        rowsSinceApplyStarted = 0;
      }
      lastStartNanos = System.nanoTime();
      RuntimeException failure = null;
      try {
        apply.run();
      } catch (RuntimeException e) {
        // The writer sees a suspended table at its next commit and fails it; a read is released with this.
        log.warn("QuestDB WAL apply failed: {}", e.toString());
        failure = e;
      }
      synchronized (lock) {
        completed = Math.max(completed, target);
        lastFailure = failure;
        lock.notifyAll();
      }
    }
  }

  private boolean intervalElapsed() {
    return System.nanoTime() - lastStartNanos >= intervalNanos;
  }

  /** Waits until notified or, when commits wait for the interval, until it has elapsed. Holds lock. */
  private void waitForWork() {
    try {
      if (committedSinceApply) {
        long remaining = intervalNanos - (System.nanoTime() - lastStartNanos);
        TimeUnit.NANOSECONDS.timedWait(lock, Math.max(remaining, 1));
      } else {
        lock.wait();
      }
    } catch (InterruptedException e) {
      // Only close() ends this thread.
    }
  }
}
