package com.plantar.gateway.server;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.api.ApiServer;
import com.plantar.gateway.cluster.ActivityPublisher;
import com.plantar.gateway.cluster.ClusterCounters;
import com.plantar.gateway.cluster.ClusterProcessor;
import com.plantar.gateway.cluster.KafkaReachability;
import com.plantar.gateway.cluster.KafkaTopics;
import com.plantar.gateway.cluster.LivePublisher;
import com.plantar.gateway.config.HttpConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.processing.LiveTaps;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code plantar process}, wired: cluster mode's topics (created if missing), the shared
 * time-series store, a {@link ClusterProcessor} whose workers each write through a {@link
 * StoreOutput} of their own, the live view's {@link LivePublisher} for the wearers someone watches,
 * the sync status's {@link ActivityPublisher},
 * and an operator's HTTP port with {@code /health} (store, Kafka) and {@code /metrics}. Closing
 * commits what the store has, then closes the store.
 */
public final class ProcessorNode implements AutoCloseable {
  private final TimeSeriesStore store;
  private final LivePublisher live;
  private final ActivityPublisher activity;
  private final ClusterProcessor processor;
  private final KafkaReachability reachability;
  private final ScheduledExecutorService probes;
  /** Null when the HTTP port is off. */
  private final ApiServer http;

  private ProcessorNode(TimeSeriesStore store, LivePublisher live, ActivityPublisher activity,
      ClusterProcessor processor, KafkaReachability reachability, ScheduledExecutorService probes, ApiServer http) {
    this.store = store;
    this.live = live;
    this.activity = activity;
    this.processor = processor;
    this.reachability = reachability;
    this.probes = probes;
    this.http = http;
  }

  /** As below, with no HTTP port. */
  public static ProcessorNode start(KafkaConfig kafka, StoreConfig storeConfig, int threads, String instanceId)
      throws Exception {
    return start(kafka, storeConfig, threads, instanceId, new HttpConfig("127.0.0.1", -1, "/mqtt"));
  }

  public static ProcessorNode start(KafkaConfig kafka, StoreConfig storeConfig, int threads, String instanceId,
      HttpConfig httpConfig) throws Exception {
    KafkaTopics.ensure(kafka);
    TimeSeriesStore store = TimeSeriesStores.open(storeConfig);
    LivePublisher live = LivePublisher.start(kafka, instanceId);
    ActivityPublisher activity = new ActivityPublisher(kafka, instanceId);
    ClusterProcessor processor = new ClusterProcessor(kafka, threads, instanceId, () -> new StoreOutput(store),
        LiveTaps.both(live, activity), GaitConfig.defaults(), Duration.ofSeconds(1)).start();
    KafkaReachability reachability = new KafkaReachability(kafka);
    ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "plantar-kafka-probe");
      thread.setDaemon(true);
      return thread;
    });
    probes.scheduleWithFixedDelay(reachability::probe, 0, 5, TimeUnit.SECONDS);
    ApiServer http = null;
    if (httpConfig.port() >= 0) {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      register(metrics, processor.counters(), live);
      http = ApiServer.startOperations(httpConfig, GatewayHealth.processorChecks(store, reachability),
          metrics::scrape);
    }
    return new ProcessorNode(store, live, activity, processor, reachability, probes, http);
  }

  private static void register(MeterRegistry metrics, ClusterCounters counters, LivePublisher live) {
    counter(metrics, "plantar.process.records", counters, ClusterCounters::processed,
        "frame records processed for the first time");
    counter(metrics, "plantar.process.replayed", counters, ClusterCounters::replayed,
        "records replayed without emitting after an assignment");
    counter(metrics, "plantar.process.duplicates", counters, ClusterCounters::duplicates,
        "DATA frames seen before (a device resent them after an edge failover); dropped");
    counter(metrics, "plantar.process.out.of.order", counters, ClusterCounters::outOfOrder,
        "DATA frames older than a newer one of the same device (must stay 0)");
    counter(metrics, "plantar.process.foreign", counters, ClusterCounters::foreign,
        "records whose key does not hash to their partition or that are not frames (must stay 0)");
    counter(metrics, "plantar.process.assignments", counters, ClusterCounters::assignments,
        "partitions assigned to this instance");
    counter(metrics, "plantar.process.commits", counters, ClusterCounters::commits,
        "offset commits after the store confirmed");
    FunctionCounter.builder("plantar.live.frames.sent", live, LivePublisher::framesSent)
        .description("live frames of watched wearers sent to the live topic").register(metrics);
    FunctionCounter.builder("plantar.live.send.failures", live, LivePublisher::sendFailures)
        .description("live frames and layouts Kafka did not take (dropped)").register(metrics);
  }

  private static void counter(MeterRegistry metrics, String name, ClusterCounters counters,
      ToDoubleFunction<ClusterCounters> value, String description) {
    FunctionCounter.builder(name, counters, value).description(description).register(metrics);
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

  /** The bound HTTP port of /health and /metrics, or -1 when off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    processor.close();
    live.close();
    activity.close();
    probes.shutdownNow();
    reachability.close();
    store.close();
  }
}
