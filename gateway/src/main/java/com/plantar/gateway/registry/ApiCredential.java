package com.plantar.gateway.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * A live browser session or bearer token, as found by the hash of its secret: whose it is, and for a
 * session the CSRF token the browser must echo on every request that changes something.
 */
public record ApiCredential(Kind kind, Account account, Optional<String> csrfToken, Instant expiresAt) {
  /** A session is set as a cookie by signing in; a bearer token is for scripts. */
  public enum Kind {
    SESSION,
    BEARER
  }
}
