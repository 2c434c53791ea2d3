package com.plantar.gateway.config;

/**
 * The gateway's HTTP port: health on {@code /health}, metrics on {@code /metrics} and MQTT over
 * WebSocket on {@link #webSocketPath()}.
 */
public record HttpConfig(String host, int port, String webSocketPath) {

  public static final HttpConfig DEFAULTS = new HttpConfig("0.0.0.0", 8080, "/mqtt");

  public HttpConfig {
    Bounds.nonBlank("http.host", host);
    Bounds.port("http.port", port);
    if (webSocketPath == null || !webSocketPath.startsWith("/")) {
      throw new ConfigException("http.webSocketPath", "must start with '/', was " + webSocketPath);
    }
  }
}
