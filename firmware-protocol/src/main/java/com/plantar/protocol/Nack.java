package com.plantar.protocol;

import java.util.List;

/** NACK: "resend these frames" (PROTOCOL.md §9.2). */
public record Nack(FrameHeader header, List<SeqRange> ranges) implements Message {
  public Nack {
    if (ranges.isEmpty() || ranges.size() > Wire.MAX_RANGES) {
      throw new IllegalArgumentException("a NACK has 1..255 ranges: " + ranges.size());
    }
    ranges = List.copyOf(ranges);
  }

  @Override
  public MessageType type() {
    return MessageType.NACK;
  }
}
