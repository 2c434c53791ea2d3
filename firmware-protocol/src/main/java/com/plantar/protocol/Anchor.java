package com.plantar.protocol;

/** ANCHOR: monotonic time {@code monoUs} of the header's boot was UTC {@code utcUs} (PROTOCOL.md §10). */
public record Anchor(FrameHeader header, long monoUs, long utcUs, long rttUs, int source)
    implements Message {
  public Anchor {
    if (rttUs < 0 || rttUs > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("rtt_us must be a u32: " + rttUs);
    }
    if (source < 0 || source > 0xFF) {
      throw new IllegalArgumentException("source must fit in a byte: " + source);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.ANCHOR;
  }
}
