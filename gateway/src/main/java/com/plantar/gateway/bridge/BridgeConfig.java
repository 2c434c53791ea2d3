package com.plantar.gateway.bridge;

import java.time.Duration;

/**
 * Bridge mode: the gateway as an MQTT 5 client of an external broker (Mosquitto, EMQX, HiveMQ).
 * {@code sharedGroup} non-empty subscribes through {@code $share/{group}/…} so that several gateways
 * share the load; which instance gets a device's frames then depends on the broker's strategy (see
 * ARCHITECTURE.md). The session persists for {@code sessionExpiry} so that QoS 1 frames published
 * while the gateway is away wait at the broker.
 */
public record BridgeConfig(String brokerUrl, String clientId, String username, String password,
    String sharedGroup, Duration sessionExpiry, int receiveMaximum) {
  public BridgeConfig {
    if (brokerUrl == null || brokerUrl.isBlank() || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("bridge: broker URL and client id are required");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("bridge: receive maximum 1..65535");
    }
  }

  public static BridgeConfig of(String brokerUrl) {
    return new BridgeConfig(brokerUrl, "plantar-gateway", null, null, "", Duration.ofHours(24), 256);
  }

  public BridgeConfig withCredentials(String user, String secret) {
    return new BridgeConfig(brokerUrl, clientId, user, secret, sharedGroup, sessionExpiry, receiveMaximum);
  }

  public BridgeConfig withSharedGroup(String group) {
    return new BridgeConfig(brokerUrl, clientId, username, password, group, sessionExpiry, receiveMaximum);
  }

  public BridgeConfig withClientId(String id) {
    return new BridgeConfig(brokerUrl, id, username, password, sharedGroup, sessionExpiry, receiveMaximum);
  }
}
