package com.plantar.gateway.config;

import java.util.Locale;

/** Range checks shared by the config records; each names the offending key when it fails. */
final class Bounds {

  private Bounds() {}

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** A TCP port, 0 for an ephemeral one, or -1 to disable the listener. */
  static int port(String key, int value) {
    return range(key, value, -1, 65_535);
  }

  static String nonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
    return value;
  }

  static String oneOf(String key, String value, String... allowed) {
    String normalized = value == null ? "" : value.toLowerCase(Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.equals(normalized)) {
        return normalized;
      }
    }
    throw new ConfigException(key, "must be one of " + String.join(", ", allowed) + ", was " + value);
  }
}
