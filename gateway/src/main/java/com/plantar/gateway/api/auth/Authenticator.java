package com.plantar.gateway.api.auth;

import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.ApiCredential;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The gate in front of every protected /api route (runs on a worker thread: it reads the registry):
 * finds the session (cookie {@value #SESSION_COOKIE}) or bearer token ({@code Authorization: Bearer}),
 * refuses with 401 when there is none or it expired, and with 403 {@code csrf} when a request
 * authenticated by cookie changes something without the session's {@value #CSRF_HEADER} header.
 * Bearer requests need no CSRF token: a browser never attaches one by itself.
 */
public final class Authenticator implements Handler<RoutingContext> {
  public static final String SESSION_COOKIE = "plantar_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final Accounts accounts;

  public Authenticator(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = resolve(ctx).orElseThrow(() -> ApiError.unauthorized("sign in first"));
    if (principal.via() == ApiCredential.Kind.SESSION && changesState(ctx.request().method())) {
      String sent = ctx.request().getHeader(CSRF_HEADER);
      if (!SecretTokens.same(sent, principal.csrfToken().orElse(null))) {
        throw ApiError.forbidden("csrf", "missing or wrong " + CSRF_HEADER + " header");
      }
    }
    ctx.put(Principal.CONTEXT_KEY, principal);
    ctx.next();
  }

  /** The principal of a request, if it carries a live credential; a bearer header wins over a cookie. */
  public Optional<Principal> resolve(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ApiError.unauthorized("only Bearer tokens are accepted in Authorization");
      }
      return lookup(authorization.substring(7).trim(), ApiCredential.Kind.BEARER);
    }
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    return cookie == null ? Optional.empty() : lookup(cookie.getValue(), ApiCredential.Kind.SESSION);
  }

  private Optional<Principal> lookup(String secret, ApiCredential.Kind expected) {
    if (secret.isEmpty() || secret.length() > 128) {
      return Optional.empty();
    }
    return accounts.findCredential(SecretTokens.hash(secret))
        .filter(credential -> credential.kind() == expected)
        .map(credential -> new Principal(credential.account(), credential.kind(), credential.csrfToken()));
  }

  private static boolean changesState(HttpMethod method) {
    return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
  }
}
