package com.plantar.protocol;

/**
 * The outcome of decoding one frame: {@link #OK} or the first rejection reason, in the order and
 * with the codes of PROTOCOL.md §12 (the C codec uses the same codes).
 */
public enum DecodeStatus {
  OK(0),
  TRUNCATED(1),
  BAD_MAGIC(2),
  UNSUPPORTED_VERSION(3),
  CRC_MISMATCH(4),
  UNKNOWN_INCOMPAT_FLAG(5),
  RESERVED_NONZERO(6),
  UNKNOWN_MESSAGE_TYPE(7),
  EXTENSION_OVERRUN(8),
  BAD_EXTENSION(9),
  BODY_LENGTH_MISMATCH(10),
  SAMPLE_COUNT_OUT_OF_RANGE(11),
  SPAN_INVALID(12),
  BLOCK_COUNT_OUT_OF_RANGE(13),
  BLOCK_OVERRUN(14),
  CHANNEL_COUNT_OUT_OF_RANGE(15),
  BLOCK_LENGTH_MISMATCH(16),
  DELTA_WIDTH_OUT_OF_RANGE(17),
  NONZERO_PADDING(18),
  DUPLICATE_BLOCK(19),
  TRAILING_BYTES(20),
  BAD_RANGE(21);

  private final int code;

  DecodeStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public boolean isOk() {
    return this == OK;
  }
}
