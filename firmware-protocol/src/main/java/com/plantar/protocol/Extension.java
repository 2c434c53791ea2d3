package com.plantar.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** One TLV extension of a frame header (PROTOCOL.md §4), kept raw. */
public record Extension(int type, byte[] value) {
  public Extension {
    if (type < 0 || type > 0xFF || value.length > 0xFF) {
      throw new IllegalArgumentException("extension type and length must fit in a byte");
    }
    value = value.clone();
  }

  /** TIME_ESTIMATE: the device's own estimate of UTC − monotonic time, and its uncertainty. */
  public static Extension timeEstimate(long utcMinusMonoUs, long uncertaintyUs) {
    byte[] value = new byte[Wire.TLV_TIME_ESTIMATE_BYTES];
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(value);
    LittleEndian.putI64(buf, 0, utcMinusMonoUs);
    LittleEndian.putU32(buf, 8, uncertaintyUs);
    return new Extension(Wire.TLV_TIME_ESTIMATE, value);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  int length() {
    return value.length;
  }

  byte[] rawValue() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Extension other && type == other.type && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Extension[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
  }
}
