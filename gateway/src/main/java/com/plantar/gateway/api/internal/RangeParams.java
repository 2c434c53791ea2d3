package com.plantar.gateway.api.internal;

import com.plantar.gateway.store.TimeRange;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code from} and {@code to} query parameters: ISO-8601 instants or dates (YYYY-MM-DD, meaning
 * 00:00Z). A missing {@code to} is now, a missing {@code from} is {@code to} minus the endpoint's default
 * span; a range longer than the endpoint allows is refused (400 range_too_large), so no request can
 * make the store read years of per-stride rows.
 */
public final class RangeParams {
  private final Clock clock;

  public RangeParams(Clock clock) {
    this.clock = clock;
  }

  public TimeRange range(RoutingContext ctx, Duration defaultSpan, Duration maxSpan) {
    Instant to = optionalInstant(ctx, "to");
    if (to == null) {
      to = clock.instant();
    }
    Instant from = optionalInstant(ctx, "from");
    if (from == null) {
      from = to.minus(defaultSpan);
    }
    if (!from.isBefore(to)) {
      throw ApiError.badRequest("bad_range", "\"from\" must be before \"to\"");
    }
    if (Duration.between(from, to).compareTo(maxSpan) > 0) {
      throw ApiError.badRequest("range_too_large", "the range may span at most " + maxSpan.toDays() + " days");
    }
    return new TimeRange(micros(from), micros(to));
  }

  /** A query parameter as an instant, or null when absent; 400 bad_date when unreadable. */
  public static Instant optionalInstant(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("bad_date", "\"" + name + "\" must be an ISO-8601 UTC time or a date YYYY-MM-DD");
    }
  }

  /** A positive integer query parameter within bounds, or the default. */
  public static int intParam(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String text = ctx.request().getParam(name);
    if (text == null || text.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw ApiError.badRequest("bad_parameter", "\"" + name + "\" must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("bad_parameter", "\"" + name + "\" must be a whole number");
    }
  }

  public static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }
}
