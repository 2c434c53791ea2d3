package com.plantar.protocol;

/** Frames {@code [start, start + count)} of one boot. {@code start} is a u32, {@code count} 1…65535. */
public record SeqRange(long start, int count) {
  public SeqRange {
    if (start < 0 || start > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("range start must be a u32: " + start);
    }
    if (count < 1 || count > 0xFFFF) {
      throw new IllegalArgumentException("range count must be 1..65535: " + count);
    }
  }
}
