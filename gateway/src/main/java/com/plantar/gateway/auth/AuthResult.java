package com.plantar.gateway.auth;

import java.util.Objects;

/** The outcome of one authentication: a {@link Principal}, or the reason for refusing the CONNECT. */
public sealed interface AuthResult {

  /** The connection may proceed as {@code principal}. */
  record Allowed(Principal principal) implements AuthResult {
    public Allowed {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /** The CONNECT must be refused (v5 CONNACK reason code, v3 return code: see gateway/AUTH.md). */
  record Refused(AuthFailure reason) implements AuthResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
