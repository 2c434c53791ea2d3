package com.plantar.gateway.cluster;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.LiveTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gait processing as a Kafka consumer group ({@code plantar process}): {@code threads} workers,
 * each a static member {@code <instanceId>-<n>} with cooperative rebalancing, each the only owner
 * of the partitions (and so the wearers) assigned to it. Results go to the outputs made by {@code
 * outputs} (one per worker, called on that worker's thread only); offsets are committed after they
 * flushed. The live tap is shared by the workers (each wearer's calls come from its owner). See
 * SCALING.md.
 */
public final class ClusterProcessor implements AutoCloseable {
  private final List<PartitionWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ClusterCounters counters = new ClusterCounters();

  public ClusterProcessor(KafkaConfig config, int threadCount, String instanceId, Supplier<GaitOutput> outputs,
      LiveTap live, GaitConfig gaitConfig, Duration commitInterval) {
    for (int n = 0; n < threadCount; n++) {
      String member = instanceId + "-" + n;
      PartitionWorker worker = new PartitionWorker(config, member, outputs.get(), live, gaitConfig, counters,
          commitInterval);
      workers.add(worker);
      Thread thread = new Thread(worker, "plantar-partition-owner-" + n);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  public ClusterProcessor start() {
    threads.forEach(Thread::start);
    return this;
  }

  public ClusterCounters counters() {
    return counters;
  }

  /** Commits what the store has and stops; static members keep their partitions for the session timeout. */
  @Override
  public void close() {
    workers.forEach(PartitionWorker::stop);
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
