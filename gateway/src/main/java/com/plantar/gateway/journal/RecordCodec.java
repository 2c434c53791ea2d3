package com.plantar.gateway.journal;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.MessageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk form of a record: {@code u32 length, u32 crc32c, u64 index, body}, where the CRC
 * covers the index and the body, and the body is the accepted frame with its ingest metadata. A
 * record whose length or CRC does not check is the torn end of the journal.
 */
final class RecordCodec {
  static final int HEADER_BYTES = 16;
  static final int MAX_BODY_BYTES = 1 << 20;

  private RecordCodec() {}

  static int bodyLength(AcceptedFrame frame) {
    return 1 + frame.tenant().getBytes(StandardCharsets.UTF_8).length + 8 + 4 + 1 + 8 + 1 + 8 + 4
        + frame.bytes().length;
  }

  /** Writes one record at the buffer's position (which must have room) and advances it. */
  static void write(ByteBuffer out, long index, AcceptedFrame frame, CRC32C crc) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    int start = out.position();
    byte[] tenant = frame.tenant().getBytes(StandardCharsets.UTF_8);
    out.position(start + 8);
    out.putLong(index);
    out.put((byte) tenant.length).put(tenant);
    out.putLong(frame.deviceId());
    out.putInt((int) frame.bootId());
    out.put((byte) frame.type().code());
    out.putLong(frame.seq());
    out.put((byte) frame.compatFlags());
    out.putLong(frame.receivedUtcUs());
    out.putInt(frame.bytes().length).put(frame.bytes());
    int end = out.position();
    crc.reset();
    crc.update(out.duplicate().position(start + 8).limit(end));
    out.putInt(start, end - start - HEADER_BYTES);
    out.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * Reads the record at the buffer's position, or returns null (leaving the position alone) when
   * what is there is not a whole, intact record: the end of the written data or a torn write.
   */
  static JournalRecord read(ByteBuffer in, CRC32C crc) {
    in.order(ByteOrder.LITTLE_ENDIAN);
    int start = in.position();
    if (in.remaining() < HEADER_BYTES) {
      return null;
    }
    int length = in.getInt(start);
    if (length < 1 || length > MAX_BODY_BYTES || in.remaining() < HEADER_BYTES + length) {
      return null;
    }
    crc.reset();
    crc.update(in.duplicate().position(start + 8).limit(start + HEADER_BYTES + length));
    if ((int) crc.getValue() != in.getInt(start + 4)) {
      return null;
    }
    ByteBuffer body = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(start + 8)
        .limit(start + HEADER_BYTES + length);
    long index = body.getLong();
    byte[] tenant = new byte[body.get() & 0xFF];
    body.get(tenant);
    long deviceId = body.getLong();
    long bootId = body.getInt() & 0xFFFF_FFFFL;
    MessageType type = MessageType.fromCode(body.get() & 0xFF);
    long seq = body.getLong();
    int compat = body.get() & 0xFF;
    long received = body.getLong();
    byte[] frame = new byte[body.getInt()];
    body.get(frame);
    in.position(start + HEADER_BYTES + length);
    return new JournalRecord(index, new AcceptedFrame(new String(tenant, StandardCharsets.UTF_8),
        deviceId, bootId, type, seq, compat, received, frame));
  }
}
