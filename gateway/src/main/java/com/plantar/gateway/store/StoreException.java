package com.plantar.gateway.store;

/**
 * Why a write or read did not happen. {@link Reason#QUEUE_FULL} and {@link Reason#CLOSED} are refusals
 * (nothing was attempted: retry later from the journal); {@link Reason#WRITE_FAILED} means the rows may
 * or may not be stored (a replay is safe: writes are idempotent); {@link Reason#REJECTED} that the
 * backend refused this write itself, for good (InfluxDB answered 4xx, e.g. a field type conflict),
 * while the writes committed with it went in: writing it again cannot succeed, so it is dead-lettered
 * (logged and counted), not retried; {@link Reason#READ_FAILED} a query that failed.
 */
public final class StoreException extends RuntimeException {
  public enum Reason {
    QUEUE_FULL,
    CLOSED,
    WRITE_FAILED,
    REJECTED,
    READ_FAILED
  }

  private final Reason reason;

  public StoreException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
