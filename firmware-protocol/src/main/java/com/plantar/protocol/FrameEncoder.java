package com.plantar.protocol;

import static com.plantar.protocol.LittleEndian.putI64;
import static com.plantar.protocol.LittleEndian.putU16;
import static com.plantar.protocol.LittleEndian.putU32;
import static com.plantar.protocol.LittleEndian.putU8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Message}s as frames in the canonical form of PROTOCOL.md: zero reserved bytes and
 * padding, minimal DELTA widths. The same content always gives the same bytes, in Java and in C.
 *
 * <p>Content that cannot be written (a body over 65,535 bytes, extensions over 255) is an
 * {@link IllegalArgumentException}; the message records already refuse values out of range. Not
 * thread-safe: one encoder per thread.
 */
public final class FrameEncoder {
  private final Checksum checksum = new Checksum();
  private final int[] widths = new int[Wire.MAX_CHANNELS];

  /** The exact number of bytes {@link #encode} writes for this message. */
  public int encodedLength(Message message) {
    return Wire.MIN_FRAME_BYTES + extensionLength(message.header()) + bodyLength(message);
  }

  /** Encodes into a new array of exactly the frame's length. */
  public byte[] encode(Message message) {
    byte[] frame = new byte[encodedLength(message)];
    encode(message, ByteBuffer.wrap(frame), 0);
    return frame;
  }

  /**
   * Writes the frame at {@code offset} (absolute; the buffer's position is not used or moved) and
   * returns its length. Throws {@link IndexOutOfBoundsException} when it does not fit.
   */
  public int encode(Message message, ByteBuffer out, int offset) {
    FrameHeader header = message.header();
    int extLength = extensionLength(header);
    int bodyLength = bodyLength(message);
    int frameLength = Wire.MIN_FRAME_BYTES + extLength + bodyLength;
    if (offset < 0 || out.limit() - offset < frameLength) {
      throw new IndexOutOfBoundsException(
          "frame of " + frameLength + " bytes does not fit at " + offset + " in " + out.limit());
    }
    putU8(out, offset + Wire.OFF_MAGIC, Wire.MAGIC_0);
    putU8(out, offset + Wire.OFF_MAGIC + 1, Wire.MAGIC_1);
    putU8(out, offset + Wire.OFF_VERSION, Wire.VERSION);
    putU8(out, offset + Wire.OFF_MSG_TYPE, message.type().code());
    putU8(out, offset + Wire.OFF_INCOMPAT, 0);
    putU8(out, offset + Wire.OFF_COMPAT, header.compatFlags());
    putU8(out, offset + Wire.OFF_EXT_LEN, extLength);
    putU8(out, offset + Wire.OFF_RESERVED_A, 0);
    putI64(out, offset + Wire.OFF_DEVICE_ID, header.deviceId());
    putU32(out, offset + Wire.OFF_BOOT_ID, header.bootId());
    putU16(out, offset + Wire.OFF_BODY_LEN, bodyLength);
    putU16(out, offset + Wire.OFF_RESERVED_B, 0);
    int at = offset + Wire.HEADER_BYTES;
    for (Extension extension : header.extensions()) {
      putU8(out, at, extension.type());
      putU8(out, at + 1, extension.length());
      out.put(at + 2, extension.rawValue());
      at += 2 + extension.length();
    }
    writeBody(message, out, at);
    int crcOffset = offset + frameLength - Wire.CRC_BYTES;
    putU32(out, crcOffset, checksum.crc32c(out, offset, frameLength - Wire.CRC_BYTES));
    return frameLength;
  }

  private static int extensionLength(FrameHeader header) {
    int length = 0;
    for (Extension extension : header.extensions()) {
      length += 2 + extension.length();
    }
    if (length > Wire.MAX_EXT_BYTES) {
      throw new IllegalArgumentException("extensions take " + length + " bytes, at most 255");
    }
    return length;
  }

  private int bodyLength(Message message) {
    int length = switch (message.type()) {
      case DATA -> dataBodyLength((DataFrame) message);
      case HELLO -> utf8Length(((Hello) message).json());
      case EVENT -> utf8Length(((Event) message).json());
      case ACK -> 5 + Wire.RANGE_BYTES * ((Ack) message).ranges().size();
      case NACK -> 1 + Wire.RANGE_BYTES * ((Nack) message).ranges().size();
      case TIME_REQ -> Wire.TIME_REQ_BYTES;
      case TIME_RES -> Wire.TIME_RES_BYTES;
      case ANCHOR -> Wire.ANCHOR_BYTES;
    };
    if (length > Wire.MAX_BODY_BYTES) {
      throw new IllegalArgumentException(message.type() + " body of " + length + " bytes, at most 65535");
    }
    return length;
  }

  private static int utf8Length(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  private int dataBodyLength(DataFrame data) {
    int length = Wire.DATA_HEADER_BYTES;
    for (Block block : data.blocks()) {
      length += Wire.BLOCK_HEADER_BYTES + blockDataLength(block, data.sampleCount());
    }
    return length;
  }

  private int blockDataLength(Block block, int samples) {
    if (block instanceof OpaqueBlock opaque) {
      return opaque.rawData().length;
    }
    SampleBlock sampleBlock = (SampleBlock) block;
    int channels = sampleBlock.channels();
    int length = switch (sampleBlock.encoding()) {
      case RAW16 -> Wire.raw16Bytes(samples, channels);
      case PACK12 -> Wire.pack12Bytes(samples, channels);
      case DELTA -> Wire.deltaBytes(samples, channels, deltaWidths(sampleBlock));
    };
    if (length > 0xFFFF) {
      throw new IllegalArgumentException(sampleBlock + " needs " + length + " bytes, at most 65535");
    }
    return length;
  }

  /** Fills {@link #widths} with each channel's minimal delta width and returns their sum. */
  private int deltaWidths(SampleBlock block) {
    int channels = block.channels();
    int[] values = block.rawValues();
    int samples = block.sampleCount();
    int sum = 0;
    for (int c = 0; c < channels; c++) {
      int width = 0;
      for (int s = 1; s < samples; s++) {
        int delta = (short) (values[s * channels + c] - values[(s - 1) * channels + c]);
        width = Math.max(width, signedWidth(delta));
      }
      widths[c] = width;
      sum += width;
    }
    return sum;
  }

  /** Bits of two's complement needed for {@code delta}; 0 for 0 (a constant channel). */
  static int signedWidth(int delta) {
    if (delta == 0) {
      return 0;
    }
    return 33 - Integer.numberOfLeadingZeros(delta < 0 ? ~delta : delta);
  }

  private void writeBody(Message message, ByteBuffer out, int at) {
    switch (message.type()) {
      case DATA -> writeData((DataFrame) message, out, at);
      case HELLO -> out.put(at, ((Hello) message).json().getBytes(StandardCharsets.UTF_8));
      case EVENT -> out.put(at, ((Event) message).json().getBytes(StandardCharsets.UTF_8));
      case ACK -> {
        Ack ack = (Ack) message;
        putU32(out, at, ack.nextSeq());
        writeRanges(ack.ranges(), out, at + 4);
      }
      case NACK -> writeRanges(((Nack) message).ranges(), out, at);
      case TIME_REQ -> {
        TimeRequest request = (TimeRequest) message;
        putU16(out, at, request.requestId());
        putI64(out, at + 2, request.t0MonoUs());
      }
      case TIME_RES -> {
        TimeResponse response = (TimeResponse) message;
        putU16(out, at, response.requestId());
        putI64(out, at + 2, response.t0MonoUs());
        putI64(out, at + 10, response.t1UtcUs());
        putI64(out, at + 18, response.t2UtcUs());
      }
      case ANCHOR -> {
        Anchor anchor = (Anchor) message;
        putI64(out, at, anchor.monoUs());
        putI64(out, at + 8, anchor.utcUs());
        putU32(out, at + 16, anchor.rttUs());
        putU8(out, at + 20, anchor.source());
      }
    }
  }

  private static void writeRanges(List<SeqRange> ranges, ByteBuffer out, int at) {
    putU8(out, at, ranges.size());
    int offset = at + 1;
    for (SeqRange range : ranges) {
      putU32(out, offset, range.start());
      putU16(out, offset + 4, range.count());
      offset += Wire.RANGE_BYTES;
    }
  }

  private void writeData(DataFrame data, ByteBuffer out, int at) {
    putU32(out, at + Wire.DATA_OFF_SEQ, data.seq());
    putI64(out, at + Wire.DATA_OFF_T_FIRST, data.firstSampleUs());
    putU32(out, at + Wire.DATA_OFF_SPAN, data.spanUs());
    putU16(out, at + Wire.DATA_OFF_SAMPLES, data.sampleCount());
    putU8(out, at + Wire.DATA_OFF_BLOCKS, data.blocks().size());
    putU8(out, at + Wire.DATA_OFF_RESERVED, 0);
    putU32(out, at + Wire.DATA_OFF_CONFIG_ID, data.configId());
    int offset = at + Wire.DATA_HEADER_BYTES;
    for (Block block : data.blocks()) {
      int length = blockDataLength(block, data.sampleCount());
      putU8(out, offset, block.typeCode());
      putU8(out, offset + 2, block.channels());
      putU8(out, offset + 3, 0);
      putU16(out, offset + 4, length);
      int dataOffset = offset + Wire.BLOCK_HEADER_BYTES;
      if (block instanceof OpaqueBlock opaque) {
        putU8(out, offset + 1, opaque.encodingCode());
        out.put(dataOffset, opaque.rawData());
      } else {
        SampleBlock samples = (SampleBlock) block;
        putU8(out, offset + 1, samples.encoding().code());
        writeSamples(samples, out, dataOffset);
      }
      offset = dataOffset + length;
    }
  }

  private void writeSamples(SampleBlock block, ByteBuffer out, int at) {
    int[] values = block.rawValues();
    int count = values.length;
    switch (block.encoding()) {
      case RAW16 -> {
        for (int i = 0; i < count; i++) {
          putU16(out, at + 2 * i, values[i]);
        }
      }
      case PACK12 -> {
        BitWriter writer = new BitWriter(out, at);
        for (int i = 0; i < count; i++) {
          writer.write(values[i] & 0xFFF, 12);
        }
        writer.flush();
      }
      case DELTA -> writeDelta(block, out, at);
    }
  }

  private void writeDelta(SampleBlock block, ByteBuffer out, int at) {
    int channels = block.channels();
    int samples = block.sampleCount();
    int[] values = block.rawValues();
    deltaWidths(block);
    for (int c = 0; c < channels; c++) {
      putU16(out, at + 2 * c, values[c]);
      putU8(out, at + 2 * channels + c, widths[c]);
    }
    BitWriter writer = new BitWriter(out, at + 3 * channels);
    for (int c = 0; c < channels; c++) {
      int width = widths[c];
      if (width == 0) {
        continue;
      }
      int mask = (1 << width) - 1;
      for (int s = 1; s < samples; s++) {
        writer.write((values[s * channels + c] - values[(s - 1) * channels + c]) & mask, width);
      }
    }
    writer.flush();
  }

  /** LSB-first bitstream writer; the last byte is padded with zeros. */
  private static final class BitWriter {
    private final ByteBuffer out;
    private int next;
    private long bits;
    private int pending;

    BitWriter(ByteBuffer out, int at) {
      this.out = out;
      this.next = at;
    }

    void write(int value, int width) {
      bits |= (long) value << pending;
      pending += width;
      while (pending >= 8) {
        out.put(next++, (byte) bits);
        bits >>>= 8;
        pending -= 8;
      }
    }

    void flush() {
      if (pending > 0) {
        out.put(next++, (byte) bits);
        bits = 0;
        pending = 0;
      }
    }
  }
}
