package com.plantar.gateway.api.alerts;

import com.plantar.gateway.api.auth.Principal;
import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.internal.RangeParams;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.registry.WearerRecords;
import com.plantar.gateway.store.TimeRange;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/wearers/:id/alerts} and {@code POST /api/wearers/:id/alerts/:alertId/ack} (physio, admin). */
public final class AlertRoutes {
  private final AlertReads alerts;
  private final WearerRecords records;
  private final WearerAccess access;
  private final RangeParams ranges;
  private final Json json;

  public AlertRoutes(AlertReads alerts, WearerRecords records, WearerAccess access, RangeParams ranges, Json json) {
    this.alerts = alerts;
    this.records = records;
    this.access = access;
    this.ranges = ranges;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/wearers/:id/alerts").blockingHandler(this::list, false);
    router.post("/api/wearers/:id/alerts/:alertId/ack").blockingHandler(this::acknowledge, false);
  }

  private void list(RoutingContext ctx) {
    TimeRange range = ranges.range(ctx, Duration.ofDays(30), Duration.ofDays(366));
    Wearer wearer = access.open(ctx, "alerts");
    List<Map<String, Object>> list = new ArrayList<>();
    for (AlertReads.ShownAlert alert : alerts.read(wearer, range)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", alert.id());
      item.put("kind", alert.kind());
      item.put("side", alert.side().map(Enum::name).orElse(null));
      item.put("start", Json.timeUs(alert.startUtcUs()));
      // The engine reports the moment a threshold was crossed, not an episode with an end.
      item.put("end", null);
      item.put("detail", alert.detail());
      item.put("severity", alert.severity());
      item.put("acknowledged", alert.ack().isPresent());
      item.put("acknowledgedBy", alert.ack().map(a -> a.acknowledgedBy()).orElse(null));
      item.put("acknowledgedAt", alert.ack().map(a -> Json.time(a.acknowledgedAt())).orElse(null));
      list.add(item);
    }
    json.send(ctx, 200, list);
  }

  private void acknowledge(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    if (principal.account().role() == Role.WEARER) {
      throw ApiError.forbidden("forbidden", "only physiotherapists and admins acknowledge alerts");
    }
    Wearer wearer = access.open(ctx, "alerts.ack");
    String alertId = ctx.pathParam("alertId");
    if (alertId.length() > 100 || !alerts.exists(wearer, alertId)) {
      throw ApiError.notFound("no alert " + (alertId.length() > 100 ? "" : alertId) + " for this wearer");
    }
    records.acknowledgeAlert(wearer.id(), alertId, principal.username());
    ctx.response().setStatusCode(204).end();
  }
}
