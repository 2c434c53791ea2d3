package com.plantar.gateway.api;

import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.live.LiveFeed;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.store.TimeSeriesStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the API serves from, made by the gateway's composition root: the registry (accounts, wearers),
 * the time-series store, the live fan-out and device activity fed by processing, the way commands
 * reach devices (this instance's MQTT server, or Kafka in cluster mode), the metrics registry
 * with its Prometheus text, the health checks, and the plain MQTT port that {@code /mqtt} WebSocket
 * connections are relayed to (-1: none).
 */
public record ApiBackends(Registry registry, TimeSeriesStore store, LiveFeed live, DeviceActivity activity,
    CommandSender commands, MeterRegistry metrics, Supplier<String> prometheus, List<HealthCheck> health, int mqttPort) {
  public ApiBackends {
    health = List.copyOf(health);
  }
}
