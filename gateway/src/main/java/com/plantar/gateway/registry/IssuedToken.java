package com.plantar.gateway.registry;

import java.util.Objects;

/**
 * A freshly made token, handed out exactly once (by {@code add} or {@code rotate}); only its hash is
 * stored. {@link #toString()} hides the token so that it cannot reach a log by accident.
 */
public record IssuedToken(String identity, String token) {

  public IssuedToken {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "IssuedToken[identity=" + identity + ", token=<hidden>]";
  }
}
