package com.plantar.protocol;

/** EVENT: battery, flash full, errors, tare values; a JSON document. */
public record Event(FrameHeader header, String json) implements Message {
  public Event {
    if (json.isEmpty()) {
      throw new IllegalArgumentException("EVENT body must not be empty");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.EVENT;
  }
}
