package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.mqtt.ClientIdentity;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * All per-connection protocol state, kept in one channel attribute ({@link #KEY}) so that every
 * handler can be a shared singleton. Owned by the channel's event loop: only code running there
 * reads or writes it.
 */
final class ConnectionContext {

  static final AttributeKey<ConnectionContext> KEY = AttributeKey.valueOf("plantar.mqtt.connection");

  enum Phase {
    /** Nothing but CONNECT is acceptable. */
    AWAITING_CONNECT,
    /** CONNECT is being authenticated and attached to its session; reads are off. */
    CONNECTING,
    CONNECTED
  }

  /** Packets decoded while CONNECTING are held (retained) and replayed once connected. */
  static final int MAX_HELD_PACKETS = 64;

  final String listener;
  Phase phase = Phase.AWAITING_CONNECT;
  boolean v5;
  String clientId;
  ClientIdentity identity;
  Link link;
  SessionLoop loop;
  /** v5 session expiry negotiated at CONNECT, for DISCONNECT's session expiry. */
  long sessionExpirySeconds;
  /** Set when the client sent DISCONNECT, so that the close does not publish the will again. */
  boolean disconnectReceived;
  final ArrayDeque<Object> heldWhileConnecting = new ArrayDeque<>();
  final Map<Integer, String> topicAliases = new HashMap<>();
  /** Inbound publishes awaiting their verdict, in arrival order. */
  final ArrayDeque<PendingPublish> pending = new ArrayDeque<>();
  final DenialWindow denials = new DenialWindow();
  /** Publishes not yet shown to their interceptor (at most receive maximum are at once). */
  final ArrayDeque<PendingPublish> notStarted = new ArrayDeque<>();
  /** Publishes shown to their interceptor whose verdict has not arrived. */
  int intercepting;
  /** Guards against re-entering the publish progress loop from a synchronous verdict. */
  boolean progressing;
  /** Inbound QoS 1/2 publishes not yet fully acknowledged (the server's receive maximum quota). */
  int inboundQuotaUsed;
  /**
   * Inbound QoS 2 packet ids that got PUBREC and await PUBREL; handed to the session when the
   * connection ends and back to the next connection of a resumed session.
   */
  final Set<Integer> awaitingPubRel = new HashSet<>();
  /** Whether reading is off because too many completions are outstanding. */
  boolean readSuspended;

  ConnectionContext(String listener) {
    this.listener = listener;
  }

  boolean hasPendingPacketId(int packetId) {
    for (PendingPublish p : pending) {
      if (p.packetId == packetId && p.message.qos() > 0) {
        return true;
      }
    }
    return false;
  }
}
