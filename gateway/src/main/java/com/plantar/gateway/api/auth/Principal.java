package com.plantar.gateway.api.auth;

import com.plantar.gateway.registry.Account;
import com.plantar.gateway.registry.ApiCredential;
import java.util.Optional;

/** Who made a request and how they proved it: a browser session (with its CSRF token) or a bearer token. */
public record Principal(Account account, ApiCredential.Kind via, Optional<String> csrfToken) {
  /** Where the authenticated principal is kept on a request's routing context. */
  public static final String CONTEXT_KEY = "plantar.principal";

  public String username() {
    return account.username();
  }
}
