package com.plantar.gateway.auth;

import com.plantar.gateway.registry.IdentityFormat;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed insole topic, {@code insole/v1/{tenant}/{deviceId}/{suffix}} (PROTOCOL §5.2). The ingest
 * path compares {@link #deviceId()} with the frame's {@code device_id} and rejects a mismatch.
 *
 * @param deviceId the 64-bit device id, read from 16 lower-case hex digits (unsigned)
 */
public record InsoleTopic(String tenant, long deviceId, Suffix suffix) {

  /** Every insole topic starts with this. */
  public static final String ROOT = "insole/v1/";

  private static final int DEVICE_HEX_DIGITS = 16;

  /** The last level(s) of an insole topic, with the side that publishes it. */
  public enum Suffix {
    HELLO("hello", true),
    STATE("state", true),
    LIVE("live", true),
    SYNC("sync", true),
    TIME_REQ("time/req", true),
    ANCHOR("anchor", true),
    EVT("evt", true),
    ACK("ack", false),
    TIME_RES("time/res", false),
    CMD("cmd", false);

    private final String path;
    private final boolean publishedByDevice;

    Suffix(String path, boolean publishedByDevice) {
      this.path = path;
      this.publishedByDevice = publishedByDevice;
    }

    /** The topic text after the device id, e.g. {@code time/req}. */
    public String path() {
      return path;
    }

    /** True for device-to-gateway suffixes, false for gateway-to-device ones. */
    public boolean publishedByDevice() {
      return publishedByDevice;
    }

    static Optional<Suffix> ofPath(String path) {
      for (Suffix s : values()) {
        if (s.path.equals(path)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public InsoleTopic {
    if (!IdentityFormat.isTenant(tenant)) {
      throw new IllegalArgumentException("not a tenant name: " + tenant);
    }
    Objects.requireNonNull(suffix, "suffix");
  }

  /**
   * Parses a topic name. Empty for anything that is not exactly one insole topic: another root, a bad
   * tenant, an id that is not 16 lower-case hex digits, an unknown suffix, extra or empty levels, or
   * wildcards.
   */
  public static Optional<InsoleTopic> parse(String topic) {
    if (topic == null || !topic.startsWith(ROOT)) {
      return Optional.empty();
    }
    int tenantEnd = topic.indexOf('/', ROOT.length());
    if (tenantEnd < 0) {
      return Optional.empty();
    }
    String tenant = topic.substring(ROOT.length(), tenantEnd);
    int idStart = tenantEnd + 1;
    int idEnd = idStart + DEVICE_HEX_DIGITS;
    if (!IdentityFormat.isTenant(tenant) || topic.length() <= idEnd || topic.charAt(idEnd) != '/') {
      return Optional.empty();
    }
    for (int i = idStart; i < idEnd; i++) {
      char ch = topic.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        return Optional.empty();
      }
    }
    long deviceId = Long.parseUnsignedLong(topic, idStart, idEnd, 16);
    return Suffix.ofPath(topic.substring(idEnd + 1)).map(suffix -> new InsoleTopic(tenant, deviceId, suffix));
  }

  /** The device id as in topics and the registry: 16 lower-case hex digits. */
  public String deviceHex() {
    return HexFormat.of().toHexDigits(deviceId);
  }

  /** The same device's topic with another suffix, e.g. where the ACK for a {@code sync} goes. */
  public InsoleTopic withSuffix(Suffix other) {
    return new InsoleTopic(tenant, deviceId, other);
  }

  /** The topic name: {@code insole/v1/{tenant}/{deviceId}/{suffix}}. */
  public String name() {
    return ROOT + tenant + '/' + deviceHex() + '/' + suffix.path();
  }
}
