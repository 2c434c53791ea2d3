package com.plantar.gateway.api.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.auth.Principal;
import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.registry.Wearer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/wearers/:id/devices/:deviceId/commands} (physiotherapists and admins): a command
 * to one of the wearer's insoles, body {@code {"cmd":"tare"}} or {@code {"cmd":"set_rate","rateHz":50}}.
 * 202 with {@code delivery} {@code queued} (this instance holds the device's session) or {@code routed}
 * (cluster mode: Kafka has it and the instance that holds the device sends it); 409 {@code
 * device_offline} when this instance knows the device is not connected; 503 when it cannot be handed
 * on. Audited like a read, as action {@code command}. Runs on a worker (it waits for the hand-over).
 */
public final class CommandRoutes {
  /** A command not delivered within this is not sent any more (an edge reading Kafka late drops it). */
  private static final Duration VALID_FOR = Duration.ofSeconds(60);
  private static final long HAND_OVER_TIMEOUT_S = 10;

  private final CommandSender commands;
  private final WearerAccess access;
  private final Json json;
  private final MeterRegistry metrics;

  public CommandRoutes(CommandSender commands, WearerAccess access, Json json, MeterRegistry metrics) {
    this.commands = commands;
    this.access = access;
    this.json = json;
    this.metrics = metrics;
  }

  public void register(Router router) {
    router.post("/api/wearers/:id/devices/:deviceId/commands").blockingHandler(this::send, false);
  }

  private void send(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    if (principal.account().role() == Role.WEARER) {
      throw ApiError.forbidden("forbidden", "only physiotherapists and admins send commands to insoles");
    }
    Wearer wearer = access.open(ctx, "command");
    String deviceId = ctx.pathParam("deviceId");
    boolean ownInsole = wearer.devices().stream()
        .anyMatch(d -> d.kind() == Wearer.WearerDevice.Kind.INSOLE && d.id().equals(deviceId));
    if (!ownInsole) {
      throw ApiError.notFound("the wearer has no insole " + (deviceId.length() > 32 ? "" : deviceId));
    }
    JsonNode body = json.bodyObject(ctx);
    String name = Json.requiredText(body, "cmd", 32);
    JsonNode rate = body.get("rateHz");
    if (rate != null && !rate.isNull() && !rate.canConvertToInt()) {
      throw ApiError.badRequest("wrong_type", "\"rateHz\" must be an integer");
    }
    DeviceCommand command;
    try {
      command = new DeviceCommand(UUID.randomUUID().toString().replace("-", ""), wearer.tenant(), deviceId, name,
          rate == null || rate.isNull() ? 0 : rate.intValue(), System.currentTimeMillis() + VALID_FOR.toMillis());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("bad_command", e.getMessage());
    }
    CommandResult result = handOver(command);
    Counter.builder("plantar.api.commands").tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
        .description("commands to devices sent through the API, by what became of them").register(metrics)
        .increment();
    if (result == CommandResult.NOT_CONNECTED) {
      throw ApiError.conflict("device_offline", "insole " + deviceId + " is not connected; send it when it is");
    }
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("id", command.id());
    sent.put("device", deviceId);
    sent.put("cmd", name);
    if (name.equals("set_rate")) {
      sent.put("rateHz", command.rateHz());
    }
    sent.put("delivery", result == CommandResult.QUEUED ? "queued" : "routed");
    json.send(ctx, 202, sent);
  }

  private CommandResult handOver(DeviceCommand command) {
    try {
      return commands.send(command).toCompletableFuture().get(HAND_OVER_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("commands_unavailable", "the command could not be sent; try again");
    } catch (ExecutionException | TimeoutException e) {
      throw ApiError.unavailable("commands_unavailable", "the command could not be sent now; try again");
    }
  }
}
