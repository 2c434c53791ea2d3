package com.plantar.gateway.auth;

/** The answer of {@link TopicAcl}; each denial names its reason (v5 reason codes: gateway/AUTH.md). */
public enum AclDecision {
  ALLOW,
  /** The topic is outside the prefixes of the devices the principal acts for ({@code $} topics included). */
  DENY_NOT_OWN_PREFIX,
  /** Own prefix, but a suffix the principal may not use in this direction (e.g. publishing {@code cmd}). */
  DENY_WRONG_DIRECTION,
  /** A subscription filter with {@code +} or {@code #}: devices and hubs may not use wildcards. */
  DENY_WILDCARD,
  /** Under {@code insole/v1/} but not a valid insole topic (bad tenant, id, suffix or levels). */
  DENY_MALFORMED_TOPIC;

  public boolean allowed() {
    return this == ALLOW;
  }
}
