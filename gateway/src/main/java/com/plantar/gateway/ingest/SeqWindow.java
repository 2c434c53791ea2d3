package com.plantar.gateway.ingest;

import com.plantar.protocol.SeqRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Which DATA frames of one (device, boot) are durable (PROTOCOL.md §9.3): every seq below {@link
 * #next()}, plus a window of {@value #WINDOW} seqs above it kept as a ring of bits. Owned by the
 * shard thread of its device; not thread-safe.
 */
final class SeqWindow {
  static final int WINDOW = 4096;
  private static final long MAX_SEQ = 0xFFFF_FFFFL;

  private final long[] bits = new long[WINDOW / 64];
  private long next;

  /** Every seq below this is durable: the ACK's {@code next_seq}. */
  long next() {
    return next;
  }

  boolean isDurable(long seq) {
    return seq < next || seq < next + WINDOW && bit(seq);
  }

  /**
   * Records that {@code seq} is durable. Returns false when it lies beyond the window: it is stored
   * but cannot be acknowledged yet (the device sends it again once the window has moved).
   */
  boolean markDurable(long seq) {
    if (seq < next) {
      return true;
    }
    if (seq >= next + WINDOW) {
      return false;
    }
    setBit(seq, true);
    while (next <= MAX_SEQ && bit(next)) {
      setBit(next, false);
      next++;
    }
    return true;
  }

  /** Runs of durable seqs above {@link #next()}, at most {@code max}, each at most 65,535 long. */
  List<SeqRange> ranges(int max) {
    List<SeqRange> ranges = new ArrayList<>();
    long seq = next + 1;
    long end = Math.min(next + WINDOW, MAX_SEQ + 1);
    while (seq < end && ranges.size() < max) {
      if (!bit(seq)) {
        seq++;
        continue;
      }
      long start = seq;
      while (seq < end && bit(seq) && seq - start < 0xFFFF) {
        seq++;
      }
      ranges.add(new SeqRange(start, (int) (seq - start)));
    }
    return ranges;
  }

  private boolean bit(long seq) {
    int index = (int) (seq % WINDOW);
    return (bits[index >>> 6] & (1L << index)) != 0;
  }

  private void setBit(long seq, boolean value) {
    int index = (int) (seq % WINDOW);
    if (value) {
      bits[index >>> 6] |= 1L << index;
    } else {
      bits[index >>> 6] &= ~(1L << index);
    }
  }
}
