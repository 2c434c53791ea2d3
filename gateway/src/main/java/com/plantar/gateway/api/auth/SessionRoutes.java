package com.plantar.gateway.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.registry.Account;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.ApiCredential;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Signing in and out, and bearer tokens for scripts: {@code POST|GET|DELETE /api/session} and {@code
 * POST /api/tokens}. Sign-in is rate limited ({@link LoginLimiter}; 429 with Retry-After, counted as
 * {@code plantar_api_login_rate_limited_total}); an unknown user name costs the same Argon2id work as
 * a wrong password, so timing does not tell which names exist. At most two verifications run at once,
 * whatever the worker pool size, since each takes the configured Argon2 memory.
 */
public final class SessionRoutes {
  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final SecretTokens secrets;
  private final LoginLimiter limiter;
  private final Authenticator authenticator;
  private final Json json;
  private final Clock clock;
  private final Duration sessionTtl;
  private final Duration tokenTtl;
  private final boolean secureCookie;
  /** Made at the first sign-in, not at start: an Argon2id hash costs a noticeable moment on a cold JVM. */
  private volatile String decoyHash;
  private final Semaphore verifications = new Semaphore(2);
  private final Counter rateLimited;
  private final Counter failures;

  public SessionRoutes(Accounts accounts, PasswordHasher hasher, SecretTokens secrets, LoginLimiter limiter,
      Authenticator authenticator, Json json, Clock clock, Duration sessionTtl, Duration tokenTtl, boolean secureCookie,
      MeterRegistry metrics) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.secrets = secrets;
    this.limiter = limiter;
    this.authenticator = authenticator;
    this.json = json;
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.tokenTtl = tokenTtl;
    this.secureCookie = secureCookie;
    this.rateLimited = Counter.builder("plantar.api.login.rate.limited")
        .description("sign-in attempts refused by the rate limit").register(metrics);
    this.failures = Counter.builder("plantar.api.login.failures")
        .description("sign-in attempts with a wrong user name or password").register(metrics);
  }

  /** The routes that need no session (sign-in, sign-out); registered before the authenticator. */
  public void registerPublic(Router router) {
    router.post("/api/session").blockingHandler(this::signIn, false);
    router.delete("/api/session").blockingHandler(this::signOut, false);
  }

  /** The routes that need a principal; registered after the authenticator. */
  public void registerProtected(Router router) {
    router.get("/api/session").blockingHandler(this::current, false);
    router.post("/api/tokens").blockingHandler(this::issueToken, false);
  }

  private void signIn(RoutingContext ctx) {
    JsonNode body = json.bodyObject(ctx);
    String username = Json.requiredText(body, "username", 64);
    String password = Json.requiredText(body, "password", 1024);
    String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    long wait = limiter.tryAttempt(username, address);
    if (wait > 0) {
      rateLimited.increment();
      throw ApiError.tooManyRequests("too many sign-in attempts; try again later", (int) Math.min(wait, 86_400));
    }
    Optional<String> stored = accounts.passwordHash(username);
    boolean ok;
    verifications.acquireUninterruptibly();
    try {
      ok = hasher.verify(password, stored.orElseGet(this::decoyHash)) && stored.isPresent();
    } finally {
      verifications.release();
    }
    if (!ok) {
      limiter.failed(username);
      failures.increment();
      throw ApiError.unauthorized("wrong user name or password");
    }
    limiter.succeeded(username);
    Account account = accounts.find(username).orElseThrow(() -> ApiError.unauthorized("wrong user name or password"));
    String session = secrets.newSecret();
    String csrf = secrets.newSecret();
    accounts.addCredential(SecretTokens.hash(session), ApiCredential.Kind.SESSION, username, Optional.of(csrf),
        clock.instant().plus(sessionTtl));
    ctx.response().addCookie(Cookie.cookie(Authenticator.SESSION_COOKIE, session).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setPath("/").setSecure(secureCookie).setMaxAge(sessionTtl.toSeconds()));
    json.send(ctx, 200, sessionBody(account, csrf));
  }

  /** A hash no password matches, verified for unknown user names so that they cost the same time. */
  private String decoyHash() {
    String decoy = decoyHash;
    if (decoy == null) {
      decoy = hasher.hash(secrets.newSecret());
      decoyHash = decoy;
    }
    return decoy;
  }

  private void current(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    json.send(ctx, 200, sessionBody(principal.account(), principal.csrfToken().orElse(null)));
  }

  /** Ends the session; a request without a live session is already signed out (204 all the same). */
  private void signOut(RoutingContext ctx) {
    Optional<Principal> principal = authenticator.resolve(ctx);
    if (principal.isPresent() && principal.get().via() == ApiCredential.Kind.SESSION) {
      String sent = ctx.request().getHeader(Authenticator.CSRF_HEADER);
      if (!SecretTokens.same(sent, principal.get().csrfToken().orElse(null))) {
        throw ApiError.forbidden("csrf", "missing or wrong " + Authenticator.CSRF_HEADER + " header");
      }
      accounts.removeCredential(SecretTokens.hash(ctx.request().getCookie(Authenticator.SESSION_COOKIE).getValue()));
    }
    ctx.response().addCookie(Cookie.cookie(Authenticator.SESSION_COOKIE, "").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setPath("/").setSecure(secureCookie).setMaxAge(0));
    ctx.response().setStatusCode(204).end();
  }

  private void issueToken(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    String token = secrets.newSecret();
    accounts.addCredential(SecretTokens.hash(token), ApiCredential.Kind.BEARER, principal.username(), Optional.empty(),
        clock.instant().plus(tokenTtl));
    json.send(ctx, 201, Map.of("token", token, "expires", Json.time(clock.instant().plus(tokenTtl))));
  }

  private static Map<String, Object> sessionBody(Account account, String csrf) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", account.username());
    body.put("role", account.role().label());
    account.wearerId().ifPresent(id -> body.put("wearerId", id));
    body.put("csrfToken", csrf);
    return body;
  }
}
