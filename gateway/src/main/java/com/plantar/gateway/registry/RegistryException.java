package com.plantar.gateway.registry;

import java.util.Objects;

/** A registry operation that could not be done, with a reason a caller can act on. */
public final class RegistryException extends RuntimeException {

  /** Why an operation failed. */
  public enum Reason {
    /** An argument breaks {@link IdentityFormat} or another rule; nothing was changed. */
    INVALID_ARGUMENT,
    /** The identity is already registered (revoked ones included: ids are never reused). */
    ALREADY_EXISTS,
    NOT_FOUND,
    /** The identity is revoked; revocation is final. */
    REVOKED,
    /** A hub and a device of different tenants cannot be paired. */
    TENANT_MISMATCH,
    /** The database could not be read or written, or its migrations do not match this build. */
    STORAGE
  }

  private final Reason reason;

  public RegistryException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RegistryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
