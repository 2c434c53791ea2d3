package com.plantar.protocol;

/** The textual form of a device id used in topics and JSON: 16 lowercase hex digits. */
public final class DeviceIds {
  private DeviceIds() {}

  public static String toHex(long deviceId) {
    String digits = Long.toHexString(deviceId);
    return "0".repeat(16 - digits.length()) + digits;
  }

  /** Parses exactly 16 hex digits (lowercase); anything else is an {@link IllegalArgumentException}. */
  public static long parseHex(String text) {
    if (text.length() != 16) {
      throw new IllegalArgumentException("device id must be 16 hex digits: " + text);
    }
    for (int i = 0; i < 16; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new IllegalArgumentException("device id must be lowercase hex: " + text);
      }
    }
    return Long.parseUnsignedLong(text, 16);
  }
}
