package com.plantar.simulator.mqtt;

/**
 * How to reach the broker or gateway, immutable: URL ({@code tcp://host:port}), tenant of the
 * topic root, MQTT version, credentials (username = device or hub id, password = token; null for
 * anonymous) and the in-flight bound used when the server announces none (MQTT 3).
 */
public record ConnectionSettings(String brokerUrl, String tenant, MqttVersion version,
    String username, String password, int maxInFlight) {
  public ConnectionSettings {
    if (!brokerUrl.matches("(tcp|ssl|ws|wss)://.+")) {
      throw new IllegalArgumentException("broker URL must look like tcp://host:port: " + brokerUrl);
    }
    if (tenant.isEmpty() || tenant.contains("/") || tenant.contains("+") || tenant.contains("#")) {
      throw new IllegalArgumentException("tenant must be one topic level: " + tenant);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("max in flight must be positive: " + maxInFlight);
    }
  }

  public ConnectionSettings withCredentials(String user, String token) {
    return new ConnectionSettings(brokerUrl, tenant, version, user, token, maxInFlight);
  }

  /** {@code insole/v1/{tenant}/{deviceId}/} (PROTOCOL.md §11). */
  public String topicRoot(String deviceHex) {
    return "insole/v1/" + tenant + "/" + deviceHex + "/";
  }
}
