package com.plantar.gateway.api.wearers;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.alerts.AlertReads;
import com.plantar.gateway.api.auth.Principal;
import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.sync.LastSeen;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.Intervention;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.registry.WearerRecords;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Wearers, their profiles, devices and interventions: {@code GET /api/wearers}, {@code GET
 * /api/wearers/:id}, {@code POST /api/wearers/:id/interventions} (physiotherapists and admins).
 * Worker threads (registry and store reads).
 */
public final class WearerRoutes {
  private final WearerRecords records;
  private final Accounts accounts;
  private final WearerAccess access;
  private final LastSeen lastSeen;
  private final AlertReads alerts;
  private final Json json;

  public WearerRoutes(WearerRecords records, Accounts accounts, WearerAccess access, LastSeen lastSeen,
      AlertReads alerts, Json json) {
    this.records = records;
    this.accounts = accounts;
    this.access = access;
    this.lastSeen = lastSeen;
    this.alerts = alerts;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/wearers").blockingHandler(this::list, false);
    router.get("/api/wearers/:id").blockingHandler(this::detail, false);
    router.post("/api/wearers/:id/interventions").blockingHandler(this::addIntervention, false);
  }

  private void list(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Wearer wearer : access.visible(principal)) {
      // The list shows when each wearer was last seen and how many alerts are open: a read of their data.
      accounts.audit(principal.username(), "wearers.list", Optional.of(wearer.id()), "",
          Optional.ofNullable(ctx.request().remoteAddress()).map(a -> a.hostAddress()));
      Map<String, Object> item = summary(wearer);
      item.put("lastSeen", lastSeen.of(wearer).map(Json::timeUs).orElse(null));
      item.put("openAlerts", alerts.openCount(wearer));
      list.add(item);
    }
    json.send(ctx, 200, list);
  }

  private void detail(RoutingContext ctx) {
    Wearer wearer = access.open(ctx, "wearer");
    Map<String, Object> body = summary(wearer);
    body.put("notes", wearer.notes());
    List<Map<String, Object>> devices = new ArrayList<>();
    for (Wearer.WearerDevice device : wearer.devices()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", device.id());
      d.put("side", device.side().map(Enum::name).orElse(null));
      d.put("kind", device.kind().name().toLowerCase(Locale.ROOT));
      devices.add(d);
    }
    body.put("devices", devices);
    body.put("interventions", records.interventions(wearer.id()).stream().map(WearerRoutes::intervention).toList());
    json.send(ctx, 200, body);
  }

  private void addIntervention(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    if (principal.account().role() == Role.WEARER) {
      throw ApiError.forbidden("forbidden", "only physiotherapists and admins record interventions");
    }
    JsonNode body = json.bodyObject(ctx);
    Wearer wearer = access.open(ctx, "interventions.add");
    String kindText = Json.requiredText(body, "kind", 32);
    Intervention.Kind kind;
    try {
      kind = Intervention.Kind.fromLabel(kindText);
    } catch (RuntimeException e) {
      throw ApiError.badRequest("bad_parameter", "\"kind\" must be orthotic_fitted or other");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(Json.requiredText(body, "date", 10));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("bad_date", "\"date\" must be YYYY-MM-DD");
    }
    String note = Json.optionalText(body, "note", Intervention.MAX_NOTE_LENGTH);
    Intervention created = records.addIntervention(wearer.id(), kind, date, note, principal.username());
    json.send(ctx, 201, intervention(created));
  }

  public static Map<String, Object> intervention(Intervention i) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", Long.toString(i.id()));
    map.put("kind", i.kind().label());
    map.put("date", i.date().toString());
    map.put("note", i.note());
    map.put("createdBy", i.createdBy());
    return map;
  }

  private static Map<String, Object> summary(Wearer wearer) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", wearer.id());
    map.put("displayName", wearer.shownName());
    map.put("bodyWeightKg", wearer.bodyWeightKg().isPresent() ? wearer.bodyWeightKg().getAsDouble() : null);
    map.put("shoeSize", wearer.shoeSize().orElse(null));
    return map;
  }
}
