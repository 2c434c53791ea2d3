package com.plantar.gateway.api;

import com.plantar.gateway.api.auth.LoginLimiter;
import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.config.HttpConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * How the HTTP API runs: where it listens, whether cookies are marked Secure (behind TLS), the
 * Argon2id cost, the sign-in limits and how long sessions and bearer tokens live. Immutable.
 */
public record ApiOptions(HttpConfig http, boolean secureCookies, PasswordHasher.Cost passwordCost,
    LoginLimiter.Limits loginLimits, Duration sessionTtl, Duration tokenTtl, Clock clock) {

  /** The recommended Argon2id cost, 5 failed sign-ins per user name in 5 min, 12 h sessions, 90-day tokens. */
  public static ApiOptions defaults(HttpConfig http) {
    return new ApiOptions(http, false, PasswordHasher.RECOMMENDED, LoginLimiter.Limits.DEFAULT, Duration.ofHours(12),
        Duration.ofDays(90), Clock.systemUTC());
  }

  public ApiOptions withLoginLimits(LoginLimiter.Limits limits) {
    return new ApiOptions(http, secureCookies, passwordCost, limits, sessionTtl, tokenTtl, clock);
  }

  public ApiOptions withPasswordCost(PasswordHasher.Cost cost) {
    return new ApiOptions(http, secureCookies, cost, loginLimits, sessionTtl, tokenTtl, clock);
  }
}
