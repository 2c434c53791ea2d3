package com.plantar.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute little-endian reads and writes on any {@link ByteBuffer}, whatever its own byte order,
 * without touching its position or allocating (view VarHandles compile to plain loads).
 */
final class LittleEndian {
  private static final VarHandle SHORT =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  static int u8(ByteBuffer buf, int index) {
    return buf.get(index) & 0xFF;
  }

  static int u16(ByteBuffer buf, int index) {
    return (short) SHORT.get(buf, index) & 0xFFFF;
  }

  static int i16(ByteBuffer buf, int index) {
    return (short) SHORT.get(buf, index);
  }

  static long u32(ByteBuffer buf, int index) {
    return (int) INT.get(buf, index) & 0xFFFF_FFFFL;
  }

  static int i32(ByteBuffer buf, int index) {
    return (int) INT.get(buf, index);
  }

  static long i64(ByteBuffer buf, int index) {
    return (long) LONG.get(buf, index);
  }

  static void putU8(ByteBuffer buf, int index, int value) {
    buf.put(index, (byte) value);
  }

  static void putU16(ByteBuffer buf, int index, int value) {
    SHORT.set(buf, index, (short) value);
  }

  static void putU32(ByteBuffer buf, int index, long value) {
    INT.set(buf, index, (int) value);
  }

  static void putI64(ByteBuffer buf, int index, long value) {
    LONG.set(buf, index, value);
  }
}
