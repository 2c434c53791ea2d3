package com.plantar.protocol;

/** The block types v1 knows (PROTOCOL.md §6.2); any other type code is skipped by receivers. */
public enum BlockType {
  /** Raw ADC per pressure cell, in HELLO {@code pressure.sensors} order. */
  PRESSURE(1, false, 1, 64),
  /** ax, ay, az, gx, gy, gz; LSB sizes in HELLO {@code imu}. */
  IMU6(2, true, 6, 6),
  /** Centi-degrees Celsius. */
  TEMPERATURE(3, true, 1, 8);

  private final int code;
  private final boolean signed;
  private final int minChannels;
  private final int maxChannels;

  BlockType(int code, boolean signed, int minChannels, int maxChannels) {
    this.code = code;
    this.signed = signed;
    this.minChannels = minChannels;
    this.maxChannels = maxChannels;
  }

  public int code() {
    return code;
  }

  /** Whether values are i16 (else u16). */
  public boolean signed() {
    return signed;
  }

  public boolean acceptsChannels(int channels) {
    return channels >= minChannels && channels <= maxChannels;
  }

  /** Smallest value a block of this type can hold in the given encoding. */
  public int minValue(Encoding encoding) {
    if (!signed) {
      return 0;
    }
    return encoding == Encoding.PACK12 ? -2048 : Short.MIN_VALUE;
  }

  /** Largest value a block of this type can hold in the given encoding. */
  public int maxValue(Encoding encoding) {
    if (encoding == Encoding.PACK12) {
      return signed ? 2047 : 4095;
    }
    return signed ? Short.MAX_VALUE : 0xFFFF;
  }

  /** Returns the type for a wire code, or {@code null} when v1 does not define it. */
  public static BlockType fromCode(int code) {
    return switch (code) {
      case 1 -> PRESSURE;
      case 2 -> IMU6;
      case 3 -> TEMPERATURE;
      default -> null;
    };
  }
}
