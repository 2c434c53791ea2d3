package com.plantar.gateway.metrics;

import java.util.Locale;

/** Why the gateway refused a packet or closed a connection; the tag of the rejection counter. */
public enum Rejection {
  MALFORMED_PACKET,
  PACKET_TOO_LARGE,
  PACKET_BEFORE_CONNECT,
  CONNECT_TIMEOUT,
  KEEP_ALIVE_TIMEOUT,
  PROTOCOL_ERROR,
  UNSUPPORTED_PROTOCOL_VERSION,
  CLIENT_ID_REJECTED,
  NOT_AUTHORIZED,
  /** A connected client whose identity was revoked meanwhile (closed by the revocation sweep). */
  IDENTITY_REVOKED,
  BAD_CREDENTIALS,
  SERVER_UNAVAILABLE,
  TOPIC_NAME_INVALID,
  TOPIC_FILTER_INVALID,
  TOPIC_ALIAS_INVALID,
  RECEIVE_MAXIMUM_EXCEEDED,
  TOO_MANY_SUBSCRIPTIONS,
  PUBLISH_REJECTED,
  SESSION_TAKEN_OVER,
  SERVER_SHUTTING_DOWN,
  TLS_HANDSHAKE_FAILED,
  IO_ERROR;

  /** The Prometheus tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
