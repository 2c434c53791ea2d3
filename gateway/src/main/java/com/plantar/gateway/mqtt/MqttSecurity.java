package com.plantar.gateway.mqtt;

/**
 * The broker's only view of authentication and topic authorisation. The gateway adapts its device
 * registry to this port; {@link OpenMqttSecurity} is the development mode.
 *
 * <p>Threads: {@link #connect} runs on the broker's security executor, never on a Netty event loop,
 * so it may block briefly (a registry look-up, a password hash). {@link #mayPublish} and {@link
 * #maySubscribe} run on the connection's Netty event loop for every PUBLISH and subscription, so
 * they must answer from memory without blocking. All methods may be called concurrently for
 * different connections and must never throw.
 */
public interface MqttSecurity {

  /**
   * Decides whether a client may connect.
   *
   * @param clientId the client identifier from CONNECT (server-assigned if the v5 client sent none)
   * @param username the user name, or {@code null}
   * @param password the password bytes, or {@code null}
   * @param verifiedCertCn the CN of a client certificate the TLS layer has verified, else {@code
   *     null}
   */
  ConnectVerdict connect(String clientId, String username, byte[] password, String verifiedCertCn);

  /** Whether the client may publish to this topic name (no wildcards). */
  boolean mayPublish(ClientIdentity client, String topic);

  /**
   * Whether the client may subscribe to this topic filter. For a shared subscription the filter is
   * given without its {@code $share/group/} prefix.
   */
  boolean maySubscribe(ClientIdentity client, String topicFilter);
}
