package com.plantar.gateway.api;

import java.util.List;
import java.util.Map;

/**
 * One part of the gateway's health for {@code /health}: the store, the journal's processing lag, the
 * MQTT listener. Called on a worker thread for every request; must answer in milliseconds.
 */
@FunctionalInterface
public interface HealthCheck {
  Result check();

  enum Status {
    UP,
    DEGRADED,
    DOWN
  }

  /** A check's verdict: {@code name} is its key in {@code checks}, {@code details} numbers to show, {@code reasons} why it is not up. */
  record Result(String name, Status status, Map<String, Object> details, List<String> reasons) {
    public Result {
      details = Map.copyOf(details);
      reasons = List.copyOf(reasons);
    }
  }
}
