package com.plantar.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded frame as a reusable view, filled by {@link FrameDecoder}. Owned by one thread: the one
 * that decodes into it. Everything it returns is valid until the next decode into it, and the JSON
 * bodies and skipped blocks also need the decoded buffer to stay unchanged until then.
 *
 * <p>Getters return numbers as Java {@code long}s where the wire has u32 or u64; a u64 above
 * {@link Long#MAX_VALUE} comes back negative and is meant to be read with {@link Long#toUnsignedString}.
 */
public final class FrameView {
  private static final int MAX_EXTENSIONS = Wire.MAX_EXT_BYTES / 2 + 1;

  ByteBuffer source;
  int frameOffset;
  int frameLength;
  MessageType type;
  int compatFlags;
  long deviceId;
  long bootId;
  int bodyOffset;
  int bodyLength;

  int extensionCount;
  final int[] extensionType = new int[MAX_EXTENSIONS];
  final int[] extensionOffset = new int[MAX_EXTENSIONS];
  final int[] extensionLength = new int[MAX_EXTENSIONS];
  int unknownExtensions;
  boolean hasTimeEstimate;
  long utcMinusMonoUs;
  long timeUncertaintyUs;

  long seq;
  long firstSampleUs;
  long spanUs;
  int sampleCount;
  long configId;
  int blockCount;
  int skippedBlocks;
  final DataBlock[] blocks = new DataBlock[Wire.MAX_BLOCKS];

  long nextSeq;
  int rangeCount;
  final long[] rangeStart = new long[Wire.MAX_RANGES];
  final int[] rangeLength = new int[Wire.MAX_RANGES];

  int requestId;
  long t0MonoUs;
  long t1UtcUs;
  long t2UtcUs;
  long monoUs;
  long utcUs;
  long rttUs;
  int timeSource;

  public FrameView() {
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new DataBlock();
    }
  }

  void clear() {
    type = null;
    extensionCount = 0;
    unknownExtensions = 0;
    hasTimeEstimate = false;
    blockCount = 0;
    skippedBlocks = 0;
    sampleCount = 0;
    rangeCount = 0;
  }

  public MessageType type() {
    return type;
  }

  /** Bytes this frame occupies in the payload: 28 + ext_len + body_len. */
  public int frameLength() {
    return frameLength;
  }

  public int frameOffset() {
    return frameOffset;
  }

  public int compatFlags() {
    return compatFlags;
  }

  public boolean hasFlag(int compatFlag) {
    return (compatFlags & compatFlag) != 0;
  }

  /** Compat bits v1 does not define (ignored, to be counted by the receiver). */
  public int unknownCompatFlags() {
    return compatFlags & ~CompatFlags.KNOWN;
  }

  public long deviceId() {
    return deviceId;
  }

  /** u32 boot counter. */
  public long bootId() {
    return bootId;
  }

  public int extensionCount() {
    return extensionCount;
  }

  public int extensionType(int index) {
    return extensionType[index];
  }

  /** Copies one extension's value: for tests and logging, not the hot path. */
  public byte[] copyExtensionValue(int index) {
    byte[] value = new byte[extensionLength[index]];
    source.get(extensionOffset[index], value);
    return value;
  }

  /** Extensions of types v1 does not know (skipped, to be counted by the receiver). */
  public int unknownExtensionCount() {
    return unknownExtensions;
  }

  public boolean hasTimeEstimate() {
    return hasTimeEstimate;
  }

  public long utcMinusMonoUs() {
    return utcMinusMonoUs;
  }

  public long timeUncertaintyUs() {
    return timeUncertaintyUs;
  }

  // DATA

  public long seq() {
    return seq;
  }

  /** Monotonic µs since boot of sample 0 (u64). */
  public long firstSampleUs() {
    return firstSampleUs;
  }

  public long spanUs() {
    return spanUs;
  }

  public int sampleCount() {
    return sampleCount;
  }

  /** Monotonic time of sample {@code i}: {@code t_first + floor(i·span/(K−1))} (PROTOCOL.md §6). */
  public long sampleTimeUs(int i) {
    return sampleCount <= 1 ? firstSampleUs : firstSampleUs + (i * spanUs) / (sampleCount - 1);
  }

  public long configId() {
    return configId;
  }

  public int blockCount() {
    return blockCount;
  }

  public DataBlock block(int index) {
    if (index >= blockCount) {
      throw new IndexOutOfBoundsException(index);
    }
    return blocks[index];
  }

  /** The decoded block of a known type, or {@code null} when the frame has none. */
  public DataBlock block(BlockType blockType) {
    for (int i = 0; i < blockCount; i++) {
      if (blocks[i].type() == blockType && !blocks[i].skipped()) {
        return blocks[i];
      }
    }
    return null;
  }

  /** Blocks skipped because v1 does not know their type or encoding. */
  public int skippedBlockCount() {
    return skippedBlocks;
  }

  // HELLO and EVENT

  /** The JSON body as text (allocates; HELLO and EVENT are rare). */
  public String jsonText() {
    byte[] bytes = new byte[bodyLength];
    source.get(bodyOffset, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  // ACK and NACK

  /** ACK: every frame of this boot with seq below this is stored. */
  public long nextSeq() {
    return nextSeq;
  }

  public int rangeCount() {
    return rangeCount;
  }

  public long rangeStart(int index) {
    return rangeStart[index];
  }

  public int rangeLength(int index) {
    return rangeLength[index];
  }

  // TIME_REQ, TIME_RES, ANCHOR

  public int requestId() {
    return requestId;
  }

  public long t0MonoUs() {
    return t0MonoUs;
  }

  public long t1UtcUs() {
    return t1UtcUs;
  }

  public long t2UtcUs() {
    return t2UtcUs;
  }

  public long monoUs() {
    return monoUs;
  }

  public long utcUs() {
    return utcUs;
  }

  public long rttUs() {
    return rttUs;
  }

  public int timeSource() {
    return timeSource;
  }

  /**
   * Copies the decoded frame into an immutable {@link Message} (allocates: for control messages,
   * tests and tools; the DATA hot path reads the view). Only valid after a successful decode.
   */
  public Message toMessage() {
    if (type == null) {
      throw new IllegalStateException("no frame decoded");
    }
    List<Extension> extensions = new ArrayList<>(extensionCount);
    for (int i = 0; i < extensionCount; i++) {
      extensions.add(new Extension(extensionType[i], copyExtensionValue(i)));
    }
    FrameHeader header = new FrameHeader(compatFlags, deviceId, bootId, extensions);
    return switch (type) {
      case DATA -> new DataFrame(header, seq, firstSampleUs, spanUs, sampleCount, configId, copyBlocks());
      case HELLO -> new Hello(header, jsonText());
      case EVENT -> new Event(header, jsonText());
      case ACK -> new Ack(header, nextSeq, copyRanges());
      case NACK -> new Nack(header, copyRanges());
      case TIME_REQ -> new TimeRequest(header, requestId, t0MonoUs);
      case TIME_RES -> new TimeResponse(header, requestId, t0MonoUs, t1UtcUs, t2UtcUs);
      case ANCHOR -> new Anchor(header, monoUs, utcUs, rttUs, timeSource);
    };
  }

  private List<Block> copyBlocks() {
    List<Block> copies = new ArrayList<>(blockCount);
    for (int i = 0; i < blockCount; i++) {
      DataBlock block = blocks[i];
      if (block.skipped()) {
        copies.add(new OpaqueBlock(block.typeCode(), block.encodingCode(), block.channels(), block.copyData()));
      } else {
        int[] values = java.util.Arrays.copyOf(block.values(), block.valueCount());
        copies.add(new SampleBlock(block.type(), block.encoding(), block.channels(), values));
      }
    }
    return copies;
  }

  private List<SeqRange> copyRanges() {
    List<SeqRange> copies = new ArrayList<>(rangeCount);
    for (int i = 0; i < rangeCount; i++) {
      copies.add(new SeqRange(rangeStart[i], rangeLength[i]));
    }
    return copies;
  }
}
