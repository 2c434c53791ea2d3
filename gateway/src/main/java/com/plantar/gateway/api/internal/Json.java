package com.plantar.gateway.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON in and out of the API (Jackson); times as ISO-8601 UTC with milliseconds. Stateless, shared. */
public final class Json {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Ends the response with {@code value} as JSON and the given status. */
  public void send(RoutingContext ctx, int status, Object value) {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(Buffer.buffer(body));
  }

  /** The request body as a JSON object, or 400 malformed_json / wrong_type. */
  public JsonNode bodyObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("malformed_json", "a JSON object body is required");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body.getBytes());
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("malformed_json", "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("wrong_type", "the body must be a JSON object");
    }
    return node;
  }

  /** A required string field of a JSON object, or 400. */
  public static String requiredText(JsonNode object, String field, int maxLength) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw ApiError.badRequest("missing_field", "\"" + field + "\" is required");
    }
    if (!value.isTextual()) {
      throw ApiError.badRequest("wrong_type", "\"" + field + "\" must be a string");
    }
    if (value.textValue().length() > maxLength) {
      throw ApiError.badRequest("too_long", "\"" + field + "\" is longer than " + maxLength + " characters");
    }
    return value.textValue();
  }

  /** An optional string field, "" when absent. */
  public static String optionalText(JsonNode object, String field, int maxLength) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? "" : requiredText(object, field, maxLength);
  }

  public static String time(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  /** An ISO-8601 UTC string for a time in µs since the epoch. */
  public static String timeUs(long utcUs) {
    return ISO_MILLIS.format(Instant.ofEpochSecond(Math.floorDiv(utcUs, 1_000_000L),
        Math.floorMod(utcUs, 1_000_000L) * 1_000L));
  }
}
