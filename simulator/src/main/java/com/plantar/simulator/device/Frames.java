package com.plantar.simulator.device;

import java.util.zip.CRC32C;

/** Byte-level edits a firmware makes to frames it already encoded. */
final class Frames {
  private static final int COMPAT_OFFSET = 5;
  private static final int CRC_BYTES = 4;

  private Frames() {}

  /** A copy of {@code frame} with {@code flags} added to compat_flags and the CRC recomputed. */
  static byte[] withCompatFlags(byte[] frame, int flags) {
    byte[] copy = frame.clone();
    copy[COMPAT_OFFSET] |= (byte) flags;
    CRC32C crc = new CRC32C();
    crc.update(copy, 0, copy.length - CRC_BYTES);
    long value = crc.getValue();
    int at = copy.length - CRC_BYTES;
    for (int i = 0; i < CRC_BYTES; i++) {
      copy[at + i] = (byte) (value >>> (8 * i));
    }
    return copy;
  }
}
