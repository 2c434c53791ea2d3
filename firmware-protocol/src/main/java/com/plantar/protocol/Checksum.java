package com.plantar.protocol;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC-32C of a range of any buffer, with the caller's (reused) {@link CRC32C}. */
final class Checksum {
  private Checksum() {}

  static int crc32c(CRC32C crc, ByteBuffer buf, int offset, int length) {
    crc.reset();
    if (buf.hasArray()) {
      crc.update(buf.array(), buf.arrayOffset() + offset, length);
    } else {
      // Direct buffer: CRC32C reads position..limit, so borrow them and put them back.
      int position = buf.position();
      int limit = buf.limit();
      buf.limit(offset + length).position(offset);
      crc.update(buf);
      buf.limit(limit).position(position);
    }
    return (int) crc.getValue();
  }
}
