package com.plantar.protocol;

import static com.plantar.protocol.LittleEndian.i16;
import static com.plantar.protocol.LittleEndian.i32;
import static com.plantar.protocol.LittleEndian.i64;
import static com.plantar.protocol.LittleEndian.u16;
import static com.plantar.protocol.LittleEndian.u32;
import static com.plantar.protocol.LittleEndian.u8;

import java.nio.ByteBuffer;

/**
 * Validates and decodes frames (PROTOCOL.md) into a reusable {@link FrameView}, without copying the
 * input and without allocating per frame (a block's value array grows only when a frame is larger
 * than every frame before it). Every failure is a {@link DecodeStatus}, checked in the order of
 * PROTOCOL.md §12; no input makes it throw, and a rejected frame leaves nothing usable in the view.
 *
 * <p>Not thread-safe: one decoder per thread. The input buffer's position and byte order are not
 * used and are left as they were; reads stay below its limit (bytes past it count as missing).
 */
public final class FrameDecoder {
  private final Checksum checksum = new Checksum();
  private byte[] wrappedArray;
  private ByteBuffer wrapper;

  /**
   * Decodes the frame that starts at {@code offset}, using at most {@code available} bytes (a payload
   * may hold more frames after it; {@link FrameView#frameLength()} says how many bytes this one took).
   */
  public DecodeStatus decode(ByteBuffer buf, int offset, int available, FrameView view) {
    view.clear();
    if (offset < 0 || offset > buf.limit()) {
      return DecodeStatus.TRUNCATED;
    }
    DecodeStatus status = decodeFrame(buf, offset, Math.min(available, buf.limit() - offset), view);
    if (!status.isOk()) {
      view.clear();
    }
    return status;
  }

  /** As {@link #decode(ByteBuffer, int, int, FrameView)} on a byte array (the wrapper is reused). */
  public DecodeStatus decode(byte[] bytes, int offset, int available, FrameView view) {
    return decode(wrap(bytes), offset, available, view);
  }

  /**
   * Decodes the frames of one payload (frames back to back) between the buffer's position and limit,
   * handing each valid one to {@code handler}. Stops at the first invalid frame, whose reason it
   * returns (its length cannot be trusted, so neither can anything after it); returns OK when every
   * byte was consumed by valid frames.
   */
  public DecodeStatus decodePayload(ByteBuffer payload, FrameView view, FrameHandler handler) {
    int offset = payload.position();
    int end = payload.limit();
    if (offset == end) {
      return DecodeStatus.TRUNCATED;
    }
    while (offset < end) {
      DecodeStatus status = decode(payload, offset, end - offset, view);
      if (!status.isOk()) {
        return status;
      }
      handler.onFrame(view);
      offset += view.frameLength();
    }
    return DecodeStatus.OK;
  }

  /** As {@link #decodePayload(ByteBuffer, FrameView, FrameHandler)} on a byte array range. */
  public DecodeStatus decodePayload(byte[] bytes, int offset, int length, FrameView view,
      FrameHandler handler) {
    ByteBuffer buf = wrap(bytes);
    buf.limit(offset + length).position(offset);
    return decodePayload(buf, view, handler);
  }

  /** This decoder's own view of {@code bytes}, reused while the same array comes back. */
  private ByteBuffer wrap(byte[] bytes) {
    if (bytes != wrappedArray) {
      wrappedArray = bytes;
      wrapper = ByteBuffer.wrap(bytes);
    }
    return wrapper.clear();
  }

  private DecodeStatus decodeFrame(ByteBuffer buf, int at, int available, FrameView view) {
    if (available < Wire.MIN_FRAME_BYTES) {
      return DecodeStatus.TRUNCATED;
    }
    if (u8(buf, at + Wire.OFF_MAGIC) != Wire.MAGIC_0 || u8(buf, at + Wire.OFF_MAGIC + 1) != Wire.MAGIC_1) {
      return DecodeStatus.BAD_MAGIC;
    }
    if (u8(buf, at + Wire.OFF_VERSION) != Wire.VERSION) {
      return DecodeStatus.UNSUPPORTED_VERSION;
    }
    int extLength = u8(buf, at + Wire.OFF_EXT_LEN);
    int bodyLength = u16(buf, at + Wire.OFF_BODY_LEN);
    int frameLength = Wire.MIN_FRAME_BYTES + extLength + bodyLength;
    if (available < frameLength) {
      return DecodeStatus.TRUNCATED;
    }
    int crcOffset = at + frameLength - Wire.CRC_BYTES;
    if (checksum.crc32c(buf, at, frameLength - Wire.CRC_BYTES) != i32(buf, crcOffset)) {
      return DecodeStatus.CRC_MISMATCH;
    }
    if (u8(buf, at + Wire.OFF_INCOMPAT) != 0) {
      return DecodeStatus.UNKNOWN_INCOMPAT_FLAG;
    }
    if (u8(buf, at + Wire.OFF_RESERVED_A) != 0 || u16(buf, at + Wire.OFF_RESERVED_B) != 0) {
      return DecodeStatus.RESERVED_NONZERO;
    }
    MessageType type = MessageType.fromCode(u8(buf, at + Wire.OFF_MSG_TYPE));
    if (type == null) {
      return DecodeStatus.UNKNOWN_MESSAGE_TYPE;
    }
    view.source = buf;
    view.frameOffset = at;
    view.frameLength = frameLength;
    view.compatFlags = u8(buf, at + Wire.OFF_COMPAT);
    view.deviceId = i64(buf, at + Wire.OFF_DEVICE_ID);
    view.bootId = u32(buf, at + Wire.OFF_BOOT_ID);
    view.bodyOffset = at + Wire.HEADER_BYTES + extLength;
    view.bodyLength = bodyLength;

    DecodeStatus status = decodeExtensions(buf, at + Wire.HEADER_BYTES, extLength, view);
    if (!status.isOk()) {
      return status;
    }
    status = decodeBody(type, buf, view.bodyOffset, bodyLength, view);
    if (status.isOk()) {
      view.type = type;
    }
    return status;
  }

  private static DecodeStatus decodeExtensions(ByteBuffer buf, int start, int length, FrameView view) {
    int offset = start;
    int end = start + length;
    while (offset < end) {
      if (end - offset < 2) {
        return DecodeStatus.EXTENSION_OVERRUN;
      }
      int type = u8(buf, offset);
      int valueLength = u8(buf, offset + 1);
      int valueOffset = offset + 2;
      if (valueOffset + valueLength > end) {
        return DecodeStatus.EXTENSION_OVERRUN;
      }
      if (type == Wire.TLV_TIME_ESTIMATE) {
        if (valueLength != Wire.TLV_TIME_ESTIMATE_BYTES) {
          return DecodeStatus.BAD_EXTENSION;
        }
        view.hasTimeEstimate = true;
        view.utcMinusMonoUs = i64(buf, valueOffset);
        view.timeUncertaintyUs = u32(buf, valueOffset + 8);
      } else {
        view.unknownExtensions++;
      }
      int index = view.extensionCount++;
      view.extensionType[index] = type;
      view.extensionOffset[index] = valueOffset;
      view.extensionLength[index] = valueLength;
      offset = valueOffset + valueLength;
    }
    return DecodeStatus.OK;
  }

  private DecodeStatus decodeBody(MessageType type, ByteBuffer buf, int at, int length, FrameView view) {
    switch (type) {
      case DATA:
        return decodeData(buf, at, length, view);
      case HELLO:
      case EVENT:
        return length == 0 ? DecodeStatus.BODY_LENGTH_MISMATCH : DecodeStatus.OK;
      case ACK:
        if (length < 5) {
          return DecodeStatus.BODY_LENGTH_MISMATCH;
        }
        view.nextSeq = u32(buf, at);
        return decodeRanges(buf, at + 4, length - 4, false, view);
      case NACK:
        return decodeRanges(buf, at, length, true, view);
      case TIME_REQ:
        if (length != Wire.TIME_REQ_BYTES) {
          return DecodeStatus.BODY_LENGTH_MISMATCH;
        }
        view.requestId = u16(buf, at);
        view.t0MonoUs = i64(buf, at + 2);
        return DecodeStatus.OK;
      case TIME_RES:
        if (length != Wire.TIME_RES_BYTES) {
          return DecodeStatus.BODY_LENGTH_MISMATCH;
        }
        view.requestId = u16(buf, at);
        view.t0MonoUs = i64(buf, at + 2);
        view.t1UtcUs = i64(buf, at + 10);
        view.t2UtcUs = i64(buf, at + 18);
        return DecodeStatus.OK;
      case ANCHOR:
        if (length != Wire.ANCHOR_BYTES) {
          return DecodeStatus.BODY_LENGTH_MISMATCH;
        }
        view.monoUs = i64(buf, at);
        view.utcUs = i64(buf, at + 8);
        view.rttUs = u32(buf, at + 16);
        view.timeSource = u8(buf, at + 20);
        return DecodeStatus.OK;
      default:
        return DecodeStatus.UNKNOWN_MESSAGE_TYPE;
    }
  }

  /** Ranges of an ACK (after next_seq) or a NACK: {@code u8 n} then n × (u32 start, u16 count). */
  private static DecodeStatus decodeRanges(ByteBuffer buf, int at, int length, boolean nack,
      FrameView view) {
    if (length < 1) {
      return DecodeStatus.BODY_LENGTH_MISMATCH;
    }
    int count = u8(buf, at);
    if (length != 1 + Wire.RANGE_BYTES * count) {
      return DecodeStatus.BODY_LENGTH_MISMATCH;
    }
    if (nack && count == 0) {
      return DecodeStatus.BAD_RANGE;
    }
    for (int i = 0; i < count; i++) {
      int offset = at + 1 + Wire.RANGE_BYTES * i;
      int rangeLength = u16(buf, offset + 4);
      if (rangeLength == 0) {
        return DecodeStatus.BAD_RANGE;
      }
      view.rangeStart[i] = u32(buf, offset);
      view.rangeLength[i] = rangeLength;
    }
    view.rangeCount = count;
    return DecodeStatus.OK;
  }

  private DecodeStatus decodeData(ByteBuffer buf, int at, int length, FrameView view) {
    if (length < Wire.DATA_HEADER_BYTES) {
      return DecodeStatus.BODY_LENGTH_MISMATCH;
    }
    int samples = u16(buf, at + Wire.DATA_OFF_SAMPLES);
    if (samples == 0 || samples > Wire.MAX_SAMPLES) {
      return DecodeStatus.SAMPLE_COUNT_OUT_OF_RANGE;
    }
    long span = u32(buf, at + Wire.DATA_OFF_SPAN);
    if (samples == 1 && span != 0) {
      return DecodeStatus.SPAN_INVALID;
    }
    int blockCount = u8(buf, at + Wire.DATA_OFF_BLOCKS);
    if (blockCount == 0 || blockCount > Wire.MAX_BLOCKS) {
      return DecodeStatus.BLOCK_COUNT_OUT_OF_RANGE;
    }
    if (u8(buf, at + Wire.DATA_OFF_RESERVED) != 0) {
      return DecodeStatus.RESERVED_NONZERO;
    }
    view.seq = u32(buf, at + Wire.DATA_OFF_SEQ);
    view.firstSampleUs = i64(buf, at + Wire.DATA_OFF_T_FIRST);
    view.spanUs = span;
    view.sampleCount = samples;
    view.configId = u32(buf, at + Wire.DATA_OFF_CONFIG_ID);

    int end = at + length;
    int offset = at + Wire.DATA_HEADER_BYTES;
    long seenTypes = 0;
    for (int i = 0; i < blockCount; i++) {
      if (end - offset < Wire.BLOCK_HEADER_BYTES) {
        return DecodeStatus.BLOCK_OVERRUN;
      }
      int typeCode = u8(buf, offset);
      int encodingCode = u8(buf, offset + 1);
      int channels = u8(buf, offset + 2);
      int dataLength = u16(buf, offset + 4);
      int dataOffset = offset + Wire.BLOCK_HEADER_BYTES;
      if (dataLength > end - dataOffset) {
        return DecodeStatus.BLOCK_OVERRUN;
      }
      DataBlock block = view.blocks[i];
      block.reset(buf, typeCode, encodingCode, channels, dataOffset, dataLength);
      view.blockCount = i + 1;
      if (block.skipped()) {
        view.skippedBlocks++;
      } else {
        if (u8(buf, offset + 3) != 0) {
          return DecodeStatus.RESERVED_NONZERO;
        }
        if (!block.type().acceptsChannels(channels)) {
          return DecodeStatus.CHANNEL_COUNT_OUT_OF_RANGE;
        }
        long typeBit = 1L << typeCode;
        if ((seenTypes & typeBit) != 0) {
          return DecodeStatus.DUPLICATE_BLOCK;
        }
        seenTypes |= typeBit;
        DecodeStatus status = decodeValues(buf, block, samples);
        if (!status.isOk()) {
          return status;
        }
      }
      offset = dataOffset + dataLength;
    }
    return offset == end ? DecodeStatus.OK : DecodeStatus.TRAILING_BYTES;
  }

  private static DecodeStatus decodeValues(ByteBuffer buf, DataBlock block, int samples) {
    int channels = block.channels();
    int at = block.dataOffset();
    int length = block.dataLength();
    boolean signed = block.type().signed();
    switch (block.encoding()) {
      case RAW16: {
        if (length != Wire.raw16Bytes(samples, channels)) {
          return DecodeStatus.BLOCK_LENGTH_MISMATCH;
        }
        int[] values = block.prepareValues(samples);
        int count = samples * channels;
        if (signed) {
          for (int i = 0; i < count; i++) {
            values[i] = i16(buf, at + 2 * i);
          }
        } else {
          for (int i = 0; i < count; i++) {
            values[i] = u16(buf, at + 2 * i);
          }
        }
        return DecodeStatus.OK;
      }
      case PACK12:
        return decodePack12(buf, block, samples, signed);
      case DELTA:
        return decodeDelta(buf, block, samples, signed);
      default:
        throw new AssertionError(block.encoding());
    }
  }

  private static DecodeStatus decodePack12(ByteBuffer buf, DataBlock block, int samples,
      boolean signed) {
    int channels = block.channels();
    int at = block.dataOffset();
    int count = samples * channels;
    if (block.dataLength() != Wire.pack12Bytes(samples, channels)) {
      return DecodeStatus.BLOCK_LENGTH_MISMATCH;
    }
    int[] values = block.prepareValues(samples);
    // Two 12-bit values fill exactly three bytes: read pairs, then a possible odd last value.
    int pairs = count >>> 1;
    for (int p = 0; p < pairs; p++) {
      int offset = at + 3 * p;
      int b0 = u8(buf, offset);
      int b1 = u8(buf, offset + 1);
      int b2 = u8(buf, offset + 2);
      values[2 * p] = b0 | (b1 & 0x0F) << 8;
      values[2 * p + 1] = (b1 >>> 4) | b2 << 4;
    }
    if ((count & 1) != 0) {
      int offset = at + 3 * pairs;
      int b1 = u8(buf, offset + 1);
      if ((b1 & 0xF0) != 0) {
        return DecodeStatus.NONZERO_PADDING;
      }
      values[count - 1] = u8(buf, offset) | (b1 & 0x0F) << 8;
    }
    if (signed) {
      for (int i = 0; i < count; i++) {
        values[i] = values[i] << 20 >> 20;
      }
    }
    return DecodeStatus.OK;
  }

  private static DecodeStatus decodeDelta(ByteBuffer buf, DataBlock block, int samples,
      boolean signed) {
    int channels = block.channels();
    int at = block.dataOffset();
    int length = block.dataLength();
    if (length < 3 * channels) {
      return DecodeStatus.BLOCK_LENGTH_MISMATCH;
    }
    int widthOffset = at + 2 * channels;
    int widthSum = 0;
    for (int c = 0; c < channels; c++) {
      int width = u8(buf, widthOffset + c);
      if (width > Wire.MAX_DELTA_WIDTH) {
        return DecodeStatus.DELTA_WIDTH_OUT_OF_RANGE;
      }
      widthSum += width;
    }
    if (length != Wire.deltaBytes(samples, channels, widthSum)) {
      return DecodeStatus.BLOCK_LENGTH_MISMATCH;
    }
    int[] values = block.prepareValues(samples);
    int streamOffset = at + 3 * channels;
    // Channel c's deltas are the bits [bit, bit + (samples - 1) × width) of the stream. Each channel is
    // unpacked by its own small method: a loop over the whole frame in one method is hot enough to be
    // compiled on stack (OSR) first, and under load a busy compiler left it running interpreted for
    // seconds (measured with LogCompilation in `plantar bench ingest`).
    int bit = 0;
    for (int c = 0; c < channels; c++) {
      int width = u8(buf, widthOffset + c);
      int first = u16(buf, at + 2 * c);
      if (width == 0 || samples == 1) {
        fillChannel(values, c, channels, samples, signed ? (short) first : first);
      } else {
        unpackChannel(buf, streamOffset, bit, width, first, values, c, channels, samples, signed);
        bit += (samples - 1) * width;
      }
    }
    // The bits after the last delta (fewer than 8) are padding, and must be zero.
    if ((bit & 7) != 0 && u8(buf, streamOffset + (bit >>> 3)) >>> (bit & 7) != 0) {
      return DecodeStatus.NONZERO_PADDING;
    }
    return DecodeStatus.OK;
  }

  private static void fillChannel(int[] values, int c, int channels, int samples, int value) {
    for (int s = 0; s < samples; s++) {
      values[s * channels + c] = value;
    }
  }

  /** Sample 0 of channel {@code c} is {@code first}; the others add the deltas read LSB-first from {@code bit}. */
  private static void unpackChannel(ByteBuffer buf, int streamOffset, int bit, int width, int first, int[] values,
      int c, int channels, int samples, boolean signed) {
    int next = streamOffset + (bit >>> 3);
    long bits = u8(buf, next++) >>> (bit & 7);
    int available = 8 - (bit & 7);
    int mask = (1 << width) - 1;
    int shift = 32 - width;
    int value = first;
    values[c] = signed ? (short) value : value;
    for (int s = 1; s < samples; s++) {
      while (available < width) {
        bits |= (long) u8(buf, next++) << available;
        available += 8;
      }
      int delta = ((int) bits & mask) << shift >> shift;
      bits >>>= width;
      available -= width;
      value = (value + delta) & 0xFFFF;
      values[s * channels + c] = signed ? (short) value : value;
    }
  }
}
