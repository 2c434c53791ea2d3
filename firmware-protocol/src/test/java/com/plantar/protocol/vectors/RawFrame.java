package com.plantar.protocol.vectors;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Builds frames byte by byte, including ones the encoder refuses to write: the invalid vectors.
 * Lengths are computed from what was written unless overridden.
 */
final class RawFrame {
  private int magic0 = 0x49;
  private int magic1 = 0x4E;
  private int version = 1;
  private final int msgType;
  private int incompat;
  private int compat;
  private int reservedA;
  private long deviceId = 0x00000000deadbeefL;
  private long bootId = 7;
  private int reservedB;
  private final ByteArrayOutputStream ext = new ByteArrayOutputStream();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private Integer extLenOverride;
  private Integer bodyLenOverride;
  private boolean corruptCrc;

  RawFrame(int msgType) {
    this.msgType = msgType;
  }

  RawFrame magic(int b0, int b1) { magic0 = b0; magic1 = b1; return this; }
  RawFrame version(int v) { version = v; return this; }
  RawFrame incompat(int flags) { incompat = flags; return this; }
  RawFrame compat(int flags) { compat = flags; return this; }
  RawFrame reservedA(int value) { reservedA = value; return this; }
  RawFrame reservedB(int value) { reservedB = value; return this; }
  RawFrame extLen(int value) { extLenOverride = value; return this; }
  RawFrame bodyLen(int value) { bodyLenOverride = value; return this; }
  RawFrame corruptCrc() { corruptCrc = true; return this; }

  RawFrame ext(int... bytes) {
    for (int b : bytes) {
      ext.write(b);
    }
    return this;
  }

  RawFrame u8(int value) { body.write(value); return this; }
  RawFrame u16(int value) { return le(value, 2); }
  RawFrame u32(long value) { return le(value, 4); }
  RawFrame u64(long value) { return le(value, 8); }

  RawFrame bytes(byte[] bytes) {
    body.writeBytes(bytes);
    return this;
  }

  private RawFrame le(long value, int size) {
    for (int i = 0; i < size; i++) {
      body.write((int) (value >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  /** DATA body header: seq, t_first, span, K, n_blocks, reserved, config_id. */
  RawFrame dataHeader(long seq, long tFirst, long span, int samples, int blocks) {
    return u32(seq).u64(tFirst).u32(span).u16(samples).u8(blocks).u8(0).u32(0x8f3a12c4L);
  }

  /** Block header: type, encoding, channels, reserved, len. */
  RawFrame blockHeader(int type, int encoding, int channels, int length) {
    return u8(type).u8(encoding).u8(channels).u8(0).u16(length);
  }

  byte[] build() {
    byte[] extBytes = ext.toByteArray();
    byte[] bodyBytes = body.toByteArray();
    ByteBuffer buf = ByteBuffer.allocate(28 + extBytes.length + bodyBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) magic0).put((byte) magic1).put((byte) version).put((byte) msgType)
        .put((byte) incompat).put((byte) compat)
        .put((byte) (extLenOverride != null ? extLenOverride : extBytes.length)).put((byte) reservedA)
        .putLong(deviceId).putInt((int) bootId)
        .putShort((short) (int) (bodyLenOverride != null ? bodyLenOverride : bodyBytes.length))
        .putShort((short) reservedB).put(extBytes).put(bodyBytes);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue() ^ (corruptCrc ? 1 : 0));
    return buf.array();
  }
}
