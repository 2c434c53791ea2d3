package com.plantar.protocol;

/** The message types of PROTOCOL.md §5, with their wire codes. */
public enum MessageType {
  DATA(1),
  HELLO(2),
  ACK(3),
  NACK(4),
  TIME_REQ(5),
  TIME_RES(6),
  ANCHOR(7),
  EVENT(8);

  private static final MessageType[] BY_CODE = new MessageType[9];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Returns the type for a wire code, or {@code null} when v1 does not define it. */
  public static MessageType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
