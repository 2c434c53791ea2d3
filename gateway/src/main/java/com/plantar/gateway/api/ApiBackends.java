package com.plantar.gateway.api;

import com.plantar.gateway.api.live.LiveFeed;
import com.plantar.gateway.api.sync.DeviceActivity;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.store.TimeSeriesStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the API serves from, made by the gateway's composition root: the registry (accounts, wearers),
 * the time-series store, the live fan-out and device activity fed by processing, the metrics registry
 * with its Prometheus text, the health checks, and the plain MQTT port that {@code /mqtt} WebSocket
 * connections are relayed to (-1: none).
 */
public record ApiBackends(Registry registry, TimeSeriesStore store, LiveFeed live, DeviceActivity activity,
    MeterRegistry metrics, Supplier<String> prometheus, List<HealthCheck> health, int mqttPort) {
  public ApiBackends {
    health = List.copyOf(health);
  }
}
