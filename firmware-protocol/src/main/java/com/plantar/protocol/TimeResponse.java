package com.plantar.protocol;

/** TIME_RES: the probe's t0 echoed, with the gateway's UTC at receive (t1) and at send (t2). */
public record TimeResponse(FrameHeader header, int requestId, long t0MonoUs, long t1UtcUs, long t2UtcUs)
    implements Message {
  public TimeResponse {
    if (requestId < 0 || requestId > 0xFFFF) {
      throw new IllegalArgumentException("req_id must be a u16: " + requestId);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.TIME_RES;
  }
}
