package com.plantar.gateway.api.internal;

/**
 * A request the API refuses, with the HTTP status, a stable snake_case code (counted, and what a
 * page or script branches on) and a message a person can act on. Never carries internals.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final int retryAfterSeconds;

  private ApiError(int status, String code, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message, 0);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message, 0);
  }

  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message, 0);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, 0);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message, 0);
  }

  /** 503: a service the request needs is away for now; trying again later may work. */
  public static ApiError unavailable(String code, String message) {
    return new ApiError(503, code, message, 0);
  }

  public static ApiError tooManyRequests(String message, int retryAfterSeconds) {
    return new ApiError(429, "rate_limited", message, Math.max(1, retryAfterSeconds));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds for a Retry-After header; 0 when none applies. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
