package com.plantar.gateway.server;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.cluster.ClusterCounters;
import com.plantar.gateway.cluster.ClusterProcessor;
import com.plantar.gateway.cluster.KafkaTopics;
import com.plantar.gateway.cluster.LivePublisher;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import java.time.Duration;

/**
 * {@code plantar process}, wired: cluster mode's topics (created if missing), the shared
 * time-series store, a {@link ClusterProcessor} whose workers each write through a {@link
 * StoreOutput} of their own, and the live view's {@link LivePublisher} for the wearers someone
 * watches. Closing commits what the store has, then closes the store.
 */
public final class ProcessorNode implements AutoCloseable {
  private final TimeSeriesStore store;
  private final LivePublisher live;
  private final ClusterProcessor processor;

  private ProcessorNode(TimeSeriesStore store, LivePublisher live, ClusterProcessor processor) {
    this.store = store;
    this.live = live;
    this.processor = processor;
  }

  public static ProcessorNode start(KafkaConfig kafka, StoreConfig storeConfig, int threads, String instanceId)
      throws Exception {
    KafkaTopics.ensure(kafka);
    TimeSeriesStore store = TimeSeriesStores.open(storeConfig);
    LivePublisher live = LivePublisher.start(kafka, instanceId);
    ClusterProcessor processor = new ClusterProcessor(kafka, threads, instanceId, () -> new StoreOutput(store),
        live, GaitConfig.defaults(), Duration.ofSeconds(1)).start();
    return new ProcessorNode(store, live, processor);
  }

  public ClusterCounters counters() {
    return processor.counters();
  }

  public TimeSeriesStore store() {
    return store;
  }

  /** The live view's publisher (frames sent for watched wearers). */
  public LivePublisher live() {
    return live;
  }

  @Override
  public void close() {
    processor.close();
    live.close();
    store.close();
  }
}
