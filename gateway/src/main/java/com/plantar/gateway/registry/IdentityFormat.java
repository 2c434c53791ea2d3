package com.plantar.gateway.registry;

import java.util.regex.Pattern;

/**
 * The spelling rules for identities and tenant names. They are strict on purpose: each of them becomes
 * an MQTT topic level or a login name, so they must never contain {@code / + # $}, upper case (one
 * canonical spelling per identity), tabs or newlines (the CLI prints tab-separated lines).
 */
public final class IdentityFormat {

  private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern HUB_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7e](?:[\\x20-\\x7e]{0,62}[\\x21-\\x7e])?");

  private IdentityFormat() {}

  /** A device id is the 16 lower-case hex digits of the 64-bit {@code device_id} in its frames. */
  public static boolean isDeviceId(String s) {
    return s != null && DEVICE_ID.matcher(s).matches();
  }

  /**
   * A hub id: 2 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or digit, and never spelled like
   * a device id, so that a login name alone tells a device from a hub.
   */
  public static boolean isHubId(String s) {
    return s != null && HUB_ID.matcher(s).matches() && !isDeviceId(s);
  }

  /** A tenant name: 1 to 64 of {@code a-z 0-9 _ -}, starting with a letter or digit. */
  public static boolean isTenant(String s) {
    // Checked for every PUBLISH (its topic names the tenant): a loop, not a regex matcher.
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /** A model name: 1 to 64 printable ASCII characters, no leading or trailing blank. */
  public static boolean isModel(String s) {
    return s != null && MODEL.matcher(s).matches();
  }
}
