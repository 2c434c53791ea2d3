package com.plantar.protocol;

/** Layout constants and limits of PROTOCOL.md, in one place for the decoder and the encoder. */
final class Wire {
  static final int MAGIC_0 = 0x49;
  static final int MAGIC_1 = 0x4E;
  static final int VERSION = 1;

  static final int HEADER_BYTES = 24;
  static final int CRC_BYTES = 4;
  static final int MIN_FRAME_BYTES = HEADER_BYTES + CRC_BYTES;
  static final int MAX_EXT_BYTES = 0xFF;
  static final int MAX_BODY_BYTES = 0xFFFF;
  static final int MAX_FRAME_BYTES = MIN_FRAME_BYTES + MAX_EXT_BYTES + MAX_BODY_BYTES;

  static final int OFF_MAGIC = 0;
  static final int OFF_VERSION = 2;
  static final int OFF_MSG_TYPE = 3;
  static final int OFF_INCOMPAT = 4;
  static final int OFF_COMPAT = 5;
  static final int OFF_EXT_LEN = 6;
  static final int OFF_RESERVED_A = 7;
  static final int OFF_DEVICE_ID = 8;
  static final int OFF_BOOT_ID = 16;
  static final int OFF_BODY_LEN = 20;
  static final int OFF_RESERVED_B = 22;

  static final int DATA_HEADER_BYTES = 24;
  static final int DATA_OFF_SEQ = 0;
  static final int DATA_OFF_T_FIRST = 4;
  static final int DATA_OFF_SPAN = 12;
  static final int DATA_OFF_SAMPLES = 16;
  static final int DATA_OFF_BLOCKS = 18;
  static final int DATA_OFF_RESERVED = 19;
  static final int DATA_OFF_CONFIG_ID = 20;
  static final int BLOCK_HEADER_BYTES = 6;

  static final int MAX_SAMPLES = 1024;
  static final int MAX_BLOCKS = 16;
  static final int MAX_CHANNELS = 64;
  static final int MAX_DELTA_WIDTH = 16;
  static final int MAX_RANGES = 255;
  static final int RANGE_BYTES = 6;

  static final int TLV_TIME_ESTIMATE = 1;
  static final int TLV_TIME_ESTIMATE_BYTES = 12;

  static final int TIME_REQ_BYTES = 10;
  static final int TIME_RES_BYTES = 26;
  static final int ANCHOR_BYTES = 21;

  private Wire() {}

  static int raw16Bytes(int samples, int channels) {
    return 2 * samples * channels;
  }

  static int pack12Bytes(int samples, int channels) {
    return (12 * samples * channels + 7) >>> 3;
  }

  static int deltaBytes(int samples, int channels, int widthSum) {
    return 3 * channels + (int) (((long) (samples - 1) * widthSum + 7) >>> 3);
  }
}
