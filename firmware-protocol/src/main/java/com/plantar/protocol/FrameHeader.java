package com.plantar.protocol;

import java.util.List;

/**
 * The parts of a frame header that belong to its content (magic, version, lengths and CRC are the
 * codec's business). {@code bootId} is a u32; {@code deviceId} a u64.
 */
public record FrameHeader(int compatFlags, long deviceId, long bootId, List<Extension> extensions) {
  public FrameHeader {
    if (compatFlags < 0 || compatFlags > 0xFF) {
      throw new IllegalArgumentException("compat_flags must fit in a byte: " + compatFlags);
    }
    if (bootId < 0 || bootId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("boot_id must be a u32: " + bootId);
    }
    extensions = List.copyOf(extensions);
  }

  public FrameHeader(int compatFlags, long deviceId, long bootId) {
    this(compatFlags, deviceId, bootId, List.of());
  }

  /** 16 lowercase hex digits, as in topics and JSON. */
  public String deviceHex() {
    return DeviceIds.toHex(deviceId);
  }
}
