package com.plantar.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-threaded shards, each owning the state of the devices (later: wearers) that hash to it, so
 * that state needs no locks (as Moquette pins sessions to loops). A task for a key always runs on
 * the same thread, in submission order. Queues are bounded: when one is full, {@link #execute}
 * refuses instead of growing memory, and the caller pushes back on its source.
 */
public final class ShardGroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShardGroup.class);
  private static final Runnable STOP = () -> { };

  private final List<Shard> shards = new ArrayList<>();
  private final ScheduledExecutorService timer;

  public ShardGroup(int shardCount, int queueCapacity) {
    if (shardCount < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("need at least one shard with room for one task");
    }
    for (int i = 0; i < shardCount; i++) {
      shards.add(new Shard("plantar-shard-" + i, queueCapacity));
    }
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "plantar-shard-timer");
      thread.setDaemon(true);
      return thread;
    });
  }

  public int size() {
    return shards.size();
  }

  /** The shard that owns {@code key}: stable for the life of the group. */
  public int shardOf(long key) {
    return Math.floorMod(Long.hashCode(key * 0x9E3779B97F4A7C15L), shards.size());
  }

  /** Queues {@code task} on the key's shard; false when that shard's queue is full. */
  public boolean execute(long key, Runnable task) {
    return shards.get(shardOf(key)).queue.offer(task);
  }

  /**
   * Runs {@code task} on the key's shard after a delay. Timers are rare (one pending ACK flush per
   * device), so a full queue is retried shortly rather than dropped.
   */
  public void schedule(long key, long delayMillis, Runnable task) {
    timer.schedule(() -> {
      if (!execute(key, task)) {
        schedule(key, 10, task);
      }
    }, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** True when the calling thread is the shard that owns {@code key}. */
  public boolean onShardOf(long key) {
    return Thread.currentThread() == shards.get(shardOf(key)).thread;
  }

  /** Tasks waiting, over all shards (a gauge). */
  public int queued() {
    int total = 0;
    for (Shard shard : shards) {
      total += shard.queue.size();
    }
    return total;
  }

  /** Runs what is queued, then stops the threads. */
  @Override
  public void close() {
    timer.shutdownNow();
    for (Shard shard : shards) {
      try {
        shard.queue.put(STOP);
        shard.thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static final class Shard implements Runnable {
    final BlockingQueue<Runnable> queue;
    final Thread thread;

    Shard(String name, int capacity) {
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      while (true) {
        Runnable task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (task == STOP) {
          return;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          // One device's bad luck must not stop the shard that serves the others.
          log.error("task failed on {}", thread.getName(), e);
        }
      }
    }
  }
}
