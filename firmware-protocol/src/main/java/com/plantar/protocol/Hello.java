package com.plantar.protocol;

/** HELLO: the device's birth certificate, a JSON document (PROTOCOL.md §8). */
public record Hello(FrameHeader header, String json) implements Message {
  public Hello {
    if (json.isEmpty()) {
      throw new IllegalArgumentException("HELLO body must not be empty");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HELLO;
  }
}
