package com.plantar.gateway.auth;

/**
 * Decides who is connecting. Thread-safe; may block briefly on the registry database and on one slow
 * hash, so call it off the Netty event loop. Never throws for bad input: every refusal is an {@link
 * AuthResult.Refused} with its reason (counted and logged by the implementation, never with the secret).
 *
 * <p>Conventions (gateway/AUTH.md): the MQTT username is the identity (a device id of 16 lower-case
 * hex digits, or a hub id), the password is that identity's token, and the client id must equal the
 * identity.
 */
public interface Authenticator {

  /** A username/password CONNECT. */
  AuthResult authenticate(String clientId, String username, byte[] password);

  /**
   * A CONNECT over mutual TLS whose client certificate the broker has already verified against the
   * trusted CA; {@code certificateCn} is its subject CN, used as the identity (no password).
   */
  AuthResult authenticateCertificate(String clientId, String certificateCn);
}
