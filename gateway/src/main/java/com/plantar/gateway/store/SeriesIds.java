package com.plantar.gateway.store;

/**
 * Checks the identifiers that become tags (InfluxDB) or symbols (QuestDB): tenant, wearer and device
 * ids. They are bounded, printable and short, so that no row can smuggle a per-sample value into a
 * tag or break a query literal.
 */
final class SeriesIds {
  static final int MAX_LENGTH = 64;

  private SeriesIds() {}

  static String require(String what, String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_LENGTH + " characters: " + id);
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        throw new IllegalArgumentException(what + " may hold only letters, digits and -_.: : " + id);
      }
    }
    return id;
  }

  static <T> T nonNull(String what, T value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    return value;
  }
}
