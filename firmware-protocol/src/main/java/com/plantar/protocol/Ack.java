package com.plantar.protocol;

import java.util.List;

/**
 * ACK: every DATA frame of the header's boot with seq below {@code nextSeq} is durably stored, and
 * so are the frames of {@code ranges} (PROTOCOL.md §9.1).
 */
public record Ack(FrameHeader header, long nextSeq, List<SeqRange> ranges) implements Message {
  public Ack {
    if (nextSeq < 0 || nextSeq > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("next_seq must be a u32: " + nextSeq);
    }
    if (ranges.size() > Wire.MAX_RANGES) {
      throw new IllegalArgumentException("at most 255 ranges: " + ranges.size());
    }
    ranges = List.copyOf(ranges);
  }

  @Override
  public MessageType type() {
    return MessageType.ACK;
  }
}
