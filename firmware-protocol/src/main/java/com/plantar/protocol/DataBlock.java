package com.plantar.protocol;

import java.nio.ByteBuffer;

/**
 * One block of a decoded DATA frame, as a reused view: valid until the owning {@link FrameView} is
 * decoded into again. A block of a known type and encoding has its values decoded; any other block
 * is {@linkplain #skipped() skipped}, and only its raw bytes are available.
 */
public final class DataBlock {
  private int typeCode;
  private int encodingCode;
  private int channels;
  private BlockType type;
  private Encoding encoding;
  private int samples;
  private int[] values = new int[0];
  private ByteBuffer source;
  private int dataOffset;
  private int dataLength;

  DataBlock() {}

  void reset(ByteBuffer source, int typeCode, int encodingCode, int channels, int dataOffset,
      int dataLength) {
    this.source = source;
    this.typeCode = typeCode;
    this.encodingCode = encodingCode;
    this.channels = channels;
    this.type = BlockType.fromCode(typeCode);
    this.encoding = type == null ? null : Encoding.fromCode(encodingCode);
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
    this.samples = 0;
  }

  /** Makes room for {@code samples × channels} values; grows only when a frame is larger than any before. */
  int[] prepareValues(int samples) {
    this.samples = samples;
    int needed = samples * channels;
    if (values.length < needed) {
      values = new int[needed];
    }
    return values;
  }

  /** True when v1 does not know this block's type or encoding: it was skipped, not decoded. */
  public boolean skipped() {
    return encoding == null;
  }

  /** The known type, or {@code null} for a skipped block of an unknown type. */
  public BlockType type() {
    return type;
  }

  public int typeCode() {
    return typeCode;
  }

  /** The known encoding, or {@code null} for a skipped block. */
  public Encoding encoding() {
    return encoding;
  }

  public int encodingCode() {
    return encodingCode;
  }

  public int channels() {
    return channels;
  }

  /** Value of one channel at one sample: u16 for PRESSURE, i16 for signed types. */
  public int value(int sample, int channel) {
    return values[sample * channels + channel];
  }

  /**
   * The decoded values, sample-major ({@code [sample * channels + channel]}); the array may be longer
   * than {@code samples × channels}. Read-only by contract: it is reused by the next decode.
   */
  public int[] values() {
    return values;
  }

  /** Number of values decoded ({@code samples × channels}); 0 for a skipped block. */
  public int valueCount() {
    return samples * channels;
  }

  /** Offset of the block's data (after its 6-byte header) in the decoded buffer. */
  public int dataOffset() {
    return dataOffset;
  }

  public int dataLength() {
    return dataLength;
  }

  /** Copies the block's raw data (after its header): for skipped blocks and tests, not the hot path. */
  public byte[] copyData() {
    byte[] copy = new byte[dataLength];
    source.get(dataOffset, copy);
    return copy;
  }
}
