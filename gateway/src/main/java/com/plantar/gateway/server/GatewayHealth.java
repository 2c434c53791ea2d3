package com.plantar.gateway.server;

import com.plantar.gateway.api.HealthCheck;
import com.plantar.gateway.api.HealthCheck.Result;
import com.plantar.gateway.api.HealthCheck.Status;
import com.plantar.gateway.cluster.KafkaFrameLog;
import com.plantar.gateway.cluster.KafkaReachability;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.processing.JournalProcessor;
import com.plantar.gateway.store.StoreStats;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's {@code /health} checks. Store: a one-microsecond read answers (else down), and no
 * write failed or was refused since the previous check (else degraded). Journal lag: records durable
 * but not yet processed; degraded past {@value #LAG_DEGRADED_RECORDS} (a long backlog sync can get
 * there for a while), or when processing stopped. MQTT: a listener is bound. Kafka (cluster-mode
 * edges, instead of the journal): reachable and sends succeeding. Registry: readable at the last
 * pairing refresh.
 */
final class GatewayHealth {
  static final long LAG_DEGRADED_RECORDS = 50_000;

  private GatewayHealth() {}

  static List<HealthCheck> checks(TimeSeriesStore store, Journal journal, JournalProcessor processor, MqttServer mqtt,
      HubWearers registry) {
    return List.of(store(store), journalLag(journal, processor), mqtt(mqtt), registry(registry));
  }

  /**
   * A cluster-mode edge's checks: the store the API reads, Kafka (down while unreachable or while
   * sends fail: the edge then refuses every publish, so it cannot take data), the MQTT listener.
   */
  static List<HealthCheck> clusterEdgeChecks(TimeSeriesStore store, KafkaReachability reachability,
      KafkaFrameLog frameLog, MqttServer mqtt, HubWearers registry) {
    return List.of(store(store), kafka(reachability, frameLog), mqtt(mqtt), registry(registry));
  }

  /**
   * Degraded while the registry (SQLite file, or PostgreSQL in cluster mode) could not be read at the
   * last pairing refresh: new connections are then refused (their credentials cannot be read) while
   * connected devices go on, and pairings keep their last value.
   */
  static HealthCheck registry(HubWearers registry) {
    return () -> registry.failure()
        .map(why -> new Result("registry", Status.DEGRADED, Map.of(),
            List.of("registry unreachable at the last refresh (new connections are refused): " + why)))
        .orElseGet(() -> new Result("registry", Status.UP, Map.of(), List.of()));
  }

  /** {@code plantar process}: the store it writes, and Kafka (down while unreachable: nothing is processed). */
  static List<HealthCheck> processorChecks(TimeSeriesStore store, KafkaReachability reachability) {
    return List.of(store(store), () -> reachability.degradedReason()
        .map(why -> new Result("kafka", Status.DOWN, Map.of(), List.of(why)))
        .orElseGet(() -> new Result("kafka", Status.UP, Map.of(), List.of())));
  }

  private static HealthCheck kafka(KafkaReachability reachability, KafkaFrameLog frameLog) {
    return () -> {
      Map<String, Object> details = Map.of("unacknowledgedFrames", frameLog.unacknowledgedFrames(),
          "sentFrames", frameLog.sentFrames(), "failedSends", frameLog.failedSends());
      Optional<String> reason = reachability.degradedReason().or(frameLog::degradedReason);
      return reason.isPresent()
          ? new Result("kafka", Status.DOWN, details, List.of(reason.get()))
          : new Result("kafka", Status.UP, details, List.of());
    };
  }

  static HealthCheck store(TimeSeriesStore store) {
    AtomicLong seenProblems = new AtomicLong();
    return () -> {
      try {
        store.readAlerts("health", "health", new TimeRange(0, 1));
      } catch (RuntimeException e) {
        return new Result("store", Status.DOWN, Map.of(), List.of("store read failed: " + e.getClass().getSimpleName()));
      }
      StoreStats stats = store.stats();
      long problems = stats.failedWrites() + stats.refusedWrites();
      long before = seenProblems.getAndSet(problems);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("rowsCommitted", stats.rowsCommitted());
      details.put("failedWrites", stats.failedWrites());
      details.put("refusedWrites", stats.refusedWrites());
      details.put("retries", stats.retries());
      return problems > before
          ? new Result("store", Status.DEGRADED, details,
              List.of((problems - before) + " store writes failed or were refused since the last check (retried)"))
          : new Result("store", Status.UP, details, List.of());
    };
  }

  private static HealthCheck journalLag(Journal journal, JournalProcessor processor) {
    return () -> {
      long lag = Math.max(0, journal.durableIndex() - processor.processedIndex());
      Map<String, Object> details = Map.of("records", lag, "processedIndex", processor.processedIndex());
      List<String> reasons = new ArrayList<>();
      if (!processor.alive()) {
        reasons.add("journal processing has stopped (see the log)");
        return new Result("journalLag", Status.DOWN, details, reasons);
      }
      if (lag > LAG_DEGRADED_RECORDS) {
        reasons.add("processing is " + lag + " journal records behind");
      }
      return new Result("journalLag", reasons.isEmpty() ? Status.UP : Status.DEGRADED, details, reasons);
    };
  }

  private static HealthCheck mqtt(MqttServer mqtt) {
    return () -> {
      Map<String, Object> details = Map.of("port", mqtt.port(), "tlsPort", mqtt.tlsPort(),
          "webSocketPort", mqtt.webSocketPort());
      boolean listening = mqtt.port() > 0 || mqtt.tlsPort() > 0 || mqtt.webSocketPort() > 0;
      return listening ? new Result("mqtt", Status.UP, details, List.of())
          : new Result("mqtt", Status.DOWN, details, List.of("no MQTT listener is bound"));
    };
  }
}
