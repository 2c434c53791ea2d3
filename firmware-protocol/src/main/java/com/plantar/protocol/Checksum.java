package com.plantar.protocol;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C of a range of any buffer, allocation-free for heap, read-only heap and direct buffers
 * alike. Not thread-safe: each decoder and encoder has its own.
 */
final class Checksum {
  private final CRC32C crc = new CRC32C();
  /** For read-only heap buffers: {@code CRC32C.update(ByteBuffer)} would copy each into a new array. */
  private byte[] scratch = new byte[0];

  int crc32c(ByteBuffer buf, int offset, int length) {
    crc.reset();
    if (buf.hasArray()) {
      crc.update(buf.array(), buf.arrayOffset() + offset, length);
    } else if (buf.isDirect()) {
      // CRC32C reads position..limit, so borrow them and put them back.
      int position = buf.position();
      int limit = buf.limit();
      buf.limit(offset + length).position(offset);
      crc.update(buf);
      buf.limit(limit).position(position);
    } else {
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, 2 * scratch.length)];
      }
      buf.get(offset, scratch, 0, length);
      crc.update(scratch, 0, length);
    }
    return (int) crc.getValue();
  }
}
