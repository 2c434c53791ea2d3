package com.plantar.gateway.config;

import java.util.List;

/**
 * The MQTT broker's settings. Defaults are in {@link #DEFAULTS}; bounds are checked by the compact
 * constructor, which names the offending key.
 *
 * @param host address the MQTT listeners bind to
 * @param port plain TCP port (0 ephemeral, -1 off)
 * @param tlsPort MQTT over TLS port, used only when {@code tls} has a certificate (-1 off)
 * @param webSocketPort a dedicated MQTT-over-WebSocket port (-1 off; WebSocket is always on the
 *     HTTP port too)
 * @param maxPacketSize the largest MQTT packet accepted, in bytes (advertised to v5 clients)
 * @param connectTimeoutSeconds how long a new connection may take to send CONNECT
 * @param serverKeepAliveSeconds 0 to accept the client's keep-alive, else imposed on v5 clients
 *     through CONNACK (v3 clients keep their own, since v3 cannot be told otherwise)
 * @param receiveMaximum unacknowledged QoS 1/2 publishes a client may send (advertised to v5
 *     clients) and the bound of outstanding publish completions before reads stop
 * @param maxInflightOutbound QoS 1/2 publishes sent to a client and not yet acknowledged, for v3
 *     clients and as a cap on a v5 client's receive maximum
 * @param maxQueuedMessages per-client outbound queue bound (offline and slow clients)
 * @param maxSubscriptionsPerClient subscriptions one session may hold; beyond it the client is
 *     disconnected (v5 reason 0x97)
 * @param topicAliasMaximum topic aliases a v5 client may use towards the server
 * @param maxSessionExpirySeconds cap on v5 session expiry; persistent v3 sessions expire after it
 * @param writeBufferLowWaterMark channel write-buffer low water mark, bytes
 * @param writeBufferHighWaterMark channel write-buffer high water mark, bytes
 * @param sessionLoops threads owning session state (0: one per available processor)
 * @param deniedTopicFilters topic filters refused in open mode (subscribe 0x87/0x80, publish 0x87)
 * @param shutdownGraceSeconds how long shutdown waits for outstanding publish completions
 */
public record MqttConfig(
    String host,
    int port,
    int tlsPort,
    int webSocketPort,
    int maxPacketSize,
    int connectTimeoutSeconds,
    int serverKeepAliveSeconds,
    int receiveMaximum,
    int maxInflightOutbound,
    int maxQueuedMessages,
    int maxSubscriptionsPerClient,
    int topicAliasMaximum,
    long maxSessionExpirySeconds,
    int writeBufferLowWaterMark,
    int writeBufferHighWaterMark,
    int sessionLoops,
    List<String> deniedTopicFilters,
    int shutdownGraceSeconds) {

  public static final MqttConfig DEFAULTS =
      new MqttConfig(
          "0.0.0.0", 1883, 8883, -1, 256 * 1024, 10, 0, 64, 32, 1000, 100, 16, 86_400L,
          32 * 1024, 64 * 1024, 0, List.of(), 5);

  public MqttConfig {
    Bounds.nonBlank("mqtt.host", host);
    Bounds.port("mqtt.port", port);
    Bounds.port("mqtt.tlsPort", tlsPort);
    Bounds.port("mqtt.webSocketPort", webSocketPort);
    Bounds.range("mqtt.maxPacketSize", maxPacketSize, 1024, 268_435_455);
    Bounds.range("mqtt.connectTimeoutSeconds", connectTimeoutSeconds, 1, 300);
    Bounds.range("mqtt.serverKeepAliveSeconds", serverKeepAliveSeconds, 0, 65_535);
    Bounds.range("mqtt.receiveMaximum", receiveMaximum, 1, 65_535);
    Bounds.range("mqtt.maxInflightOutbound", maxInflightOutbound, 1, 65_535);
    Bounds.range("mqtt.maxQueuedMessages", maxQueuedMessages, 1, 1_000_000);
    Bounds.range("mqtt.maxSubscriptionsPerClient", maxSubscriptionsPerClient, 1, 100_000);
    Bounds.range("mqtt.topicAliasMaximum", topicAliasMaximum, 0, 65_535);
    if (maxSessionExpirySeconds < 0 || maxSessionExpirySeconds > 0xFFFF_FFFFL) {
      throw new ConfigException("mqtt.maxSessionExpirySeconds", "must be between 0 and 4294967295");
    }
    Bounds.range("mqtt.writeBufferLowWaterMark", writeBufferLowWaterMark, 1024, 64 * 1024 * 1024);
    Bounds.range(
        "mqtt.writeBufferHighWaterMark", writeBufferHighWaterMark, writeBufferLowWaterMark,
        64 * 1024 * 1024);
    Bounds.range("mqtt.sessionLoops", sessionLoops, 0, 256);
    deniedTopicFilters = List.copyOf(deniedTopicFilters == null ? List.of() : deniedTopicFilters);
    Bounds.range("mqtt.shutdownGraceSeconds", shutdownGraceSeconds, 0, 600);
  }

  /** The number of session loops to run: the configured count, or the processor count for 0. */
  public int effectiveSessionLoops() {
    return sessionLoops > 0 ? sessionLoops : Runtime.getRuntime().availableProcessors();
  }

  public MqttConfig withPorts(int newPort, int newTlsPort, int newWebSocketPort) {
    return new MqttConfig(
        host, newPort, newTlsPort, newWebSocketPort, maxPacketSize, connectTimeoutSeconds,
        serverKeepAliveSeconds, receiveMaximum, maxInflightOutbound, maxQueuedMessages,
        maxSubscriptionsPerClient, topicAliasMaximum, maxSessionExpirySeconds,
        writeBufferLowWaterMark, writeBufferHighWaterMark, sessionLoops, deniedTopicFilters,
        shutdownGraceSeconds);
  }
}
