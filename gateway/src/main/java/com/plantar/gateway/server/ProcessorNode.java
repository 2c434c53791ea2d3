package com.plantar.gateway.server;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.cluster.ClusterCounters;
import com.plantar.gateway.cluster.ClusterProcessor;
import com.plantar.gateway.cluster.KafkaTopics;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import java.time.Duration;

/**
 * {@code plantar process}, wired: the frames and context topics (created if missing), the shared
 * time-series store, and a {@link ClusterProcessor} whose workers each write through a {@link
 * StoreOutput} of their own. Closing commits what the store has, then closes the store.
 */
public final class ProcessorNode implements AutoCloseable {
  private final TimeSeriesStore store;
  private final ClusterProcessor processor;

  private ProcessorNode(TimeSeriesStore store, ClusterProcessor processor) {
    this.store = store;
    this.processor = processor;
  }

  public static ProcessorNode start(KafkaConfig kafka, StoreConfig storeConfig, int threads, String instanceId)
      throws Exception {
    KafkaTopics.ensure(kafka);
    TimeSeriesStore store = TimeSeriesStores.open(storeConfig);
    ClusterProcessor processor = new ClusterProcessor(kafka, threads, instanceId, () -> new StoreOutput(store),
        GaitConfig.defaults(), Duration.ofSeconds(1)).start();
    return new ProcessorNode(store, processor);
  }

  public ClusterCounters counters() {
    return processor.counters();
  }

  public TimeSeriesStore store() {
    return store;
  }

  @Override
  public void close() {
    processor.close();
    store.close();
  }
}
