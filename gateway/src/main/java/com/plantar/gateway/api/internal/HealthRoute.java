package com.plantar.gateway.api.internal;

import com.plantar.gateway.api.HealthCheck;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health}: every {@link HealthCheck}, the worst status overall ("up", "degraded": 200;
 * "down": 503) and the reasons. A check that throws counts as down, with its exception's class only.
 */
public final class HealthRoute {
  private final List<HealthCheck> checks;
  private final Json json;

  public HealthRoute(List<HealthCheck> checks, Json json) {
    this.checks = List.copyOf(checks);
    this.json = json;
  }

  public void handle(RoutingContext ctx) {
    HealthCheck.Status overall = HealthCheck.Status.UP;
    Map<String, Object> results = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    for (HealthCheck check : checks) {
      HealthCheck.Result result;
      try {
        result = check.check();
      } catch (RuntimeException e) {
        result = new HealthCheck.Result(check.getClass().getSimpleName(), HealthCheck.Status.DOWN, Map.of(),
            List.of("health check failed: " + e.getClass().getSimpleName()));
      }
      Map<String, Object> shown = new LinkedHashMap<>(result.details());
      shown.put("status", label(result.status()));
      results.put(result.name(), shown);
      reasons.addAll(result.reasons());
      if (result.status().compareTo(overall) > 0) {
        overall = result.status();
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", label(overall));
    body.put("checks", results);
    body.put("reasons", reasons);
    json.send(ctx, overall == HealthCheck.Status.DOWN ? 503 : 200, body);
  }

  private static String label(HealthCheck.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
