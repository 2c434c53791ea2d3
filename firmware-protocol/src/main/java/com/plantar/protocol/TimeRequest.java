package com.plantar.protocol;

/** TIME_REQ: a time-sync probe sent at the device's monotonic time {@code t0MonoUs}. */
public record TimeRequest(FrameHeader header, int requestId, long t0MonoUs) implements Message {
  public TimeRequest {
    if (requestId < 0 || requestId > 0xFFFF) {
      throw new IllegalArgumentException("req_id must be a u16: " + requestId);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.TIME_REQ;
  }
}
