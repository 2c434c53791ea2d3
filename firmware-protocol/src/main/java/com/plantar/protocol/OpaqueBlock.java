package com.plantar.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A block whose type or encoding v1 does not know: receivers skip it, and encoders write it as given
 * (with a zero reserved byte), so that vectors can carry blocks from the future.
 */
public record OpaqueBlock(int typeCode, int encodingCode, int channels, byte[] data) implements Block {
  public OpaqueBlock {
    if (typeCode < 0 || typeCode > 0xFF || encodingCode < 0 || encodingCode > 0xFF
        || channels < 0 || channels > 0xFF) {
      throw new IllegalArgumentException("type, encoding and channels must fit in a byte");
    }
    BlockType known = BlockType.fromCode(typeCode);
    if (known != null && Encoding.fromCode(encodingCode) != null) {
      throw new IllegalArgumentException("type " + typeCode + " with encoding " + encodingCode
          + " is known to v1: use a SampleBlock");
    }
    if (data.length > 0xFFFF) {
      throw new IllegalArgumentException("block data longer than 65535 bytes");
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  byte[] rawData() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpaqueBlock other && typeCode == other.typeCode
        && encodingCode == other.encodingCode && channels == other.channels
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return ((typeCode * 31 + encodingCode) * 31 + channels) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "OpaqueBlock[type=" + typeCode + ", encoding=" + encodingCode + ", channels=" + channels
        + ", data=" + HexFormat.of().formatHex(data) + "]";
  }
}
