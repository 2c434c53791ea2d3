package com.plantar.protocol;

/** Sample encodings of a DATA block (PROTOCOL.md §7). */
public enum Encoding {
  /** Sample-major 16-bit values. */
  RAW16(0),
  /** Sample-major 12-bit values in an LSB-first bitstream. */
  PACK12(1),
  /** Per channel: a reference value, a bit width, and two's-complement deltas modulo 2^16. */
  DELTA(2);

  private final int code;

  Encoding(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Returns the encoding for a wire code, or {@code null} when v1 does not define it. */
  public static Encoding fromCode(int code) {
    return switch (code) {
      case 0 -> RAW16;
      case 1 -> PACK12;
      case 2 -> DELTA;
      default -> null;
    };
  }
}
