package com.plantar.gateway.store;

/**
 * How a sample's UTC time was obtained (PROTOCOL.md §10): from the boot's fitted ANCHORs, estimated
 * from the HELLO clock or a TIME_ESTIMATE, or not mapped at all (device clock only).
 */
public enum TimeQuality {
  SYNCED,
  ESTIMATED,
  UNSYNCED;

  /** The stored spelling: lower case, as in the protocol text. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static TimeQuality fromLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
