package com.plantar.protocol;

import java.util.Arrays;

/**
 * Samples of a known block type, sample-major: {@code values[sample * channels + channel]}. The
 * encoding is how the block is (to be) written; the values are the same whatever it is.
 */
public record SampleBlock(BlockType type, Encoding encoding, int channels, int[] values)
    implements Block {
  public SampleBlock {
    if (!type.acceptsChannels(channels)) {
      throw new IllegalArgumentException(type + " cannot have " + channels + " channels");
    }
    if (values.length % channels != 0) {
      throw new IllegalArgumentException("values must hold whole samples of " + channels + " channels");
    }
    int min = type.minValue(encoding);
    int max = type.maxValue(encoding);
    for (int value : values) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            type + " in " + encoding + " holds " + min + ".." + max + ", not " + value);
      }
    }
    values = values.clone();
  }

  public int sampleCount() {
    return values.length / channels;
  }

  public int value(int sample, int channel) {
    return values[sample * channels + channel];
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  int[] rawValues() {
    return values;
  }

  @Override
  public int typeCode() {
    return type.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleBlock other && type == other.type && encoding == other.encoding
        && channels == other.channels && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return ((type.hashCode() * 31 + encoding.hashCode()) * 31 + channels) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SampleBlock[" + type + ", " + encoding + ", channels=" + channels + ", samples="
        + sampleCount() + "]";
  }
}
