package com.plantar.gateway.auth;

/** Why a CONNECT was refused. */
public enum AuthFailure {
  /** The identity is well formed but neither a registered device nor a registered hub. */
  UNKNOWN_IDENTITY,
  /** The identity is registered but the password is not its current token. */
  BAD_SECRET,
  /** The identity was revoked. */
  REVOKED,
  /** Username, certificate CN or client id breaks the conventions (see gateway/AUTH.md). */
  MALFORMED_IDENTITY
}
