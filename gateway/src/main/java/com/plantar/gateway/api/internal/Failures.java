package com.plantar.gateway.api.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed API request into {@code {"error", "code"}} with its status, counts it by code
 * ({@code plantar_api_errors_total}), and logs (never returns) what was unexpected: no stack trace
 * or internal message ever reaches a client. Stateless apart from the counters; any thread.
 */
public final class Failures implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private final Json json;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public Failures(Json json, MeterRegistry metrics) {
    this.json = json;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String code;
    String message;
    if (failure instanceof ApiError error) {
      status = error.status();
      code = error.code();
      message = error.getMessage();
      if (error.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
      }
    } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      status = ctx.statusCode();
      code = switch (status) {
        case 400 -> "bad_request";
        case 401 -> "unauthorized";
        case 403 -> "forbidden";
        case 404 -> "not_found";
        case 405 -> "method_not_allowed";
        case 413 -> "body_too_large";
        default -> "bad_request";
      };
      message = switch (status) {
        case 413 -> "the request body is too large";
        case 404 -> "no such resource";
        case 405 -> "method not allowed here";
        default -> "the request was refused";
      };
    } else {
      status = 500;
      code = "internal";
      message = "internal error; the gateway log has the details";
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    count(code);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    json.send(ctx, status, Map.of("error", message, "code", code));
  }

  /** Counts a refusal that did not go through this handler (e.g. a 404 past every route). */
  public void count(String code) {
    counters.computeIfAbsent(code, c -> Counter.builder("plantar.api.errors")
        .description("API requests refused or failed, by error code").tag("code", c).register(metrics)).increment();
  }
}
