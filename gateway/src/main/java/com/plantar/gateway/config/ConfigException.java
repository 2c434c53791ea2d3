package com.plantar.gateway.config;

/** A configuration value is missing, malformed or out of bounds; {@link #key()} names it. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The dotted configuration key, e.g. {@code mqtt.port}. */
  public String key() {
    return key;
  }
}
