package com.plantar.gateway.cluster;

import java.util.BitSet;

/**
 * Which DATA seqs of one (device, boot) a partition owner has processed, so that frames a device
 * sent again after it moved to another edge (already in Kafka once, their ACK lost with the edge)
 * reach the gait engine only once. Starts at the first seq it sees (an owner that took a partition
 * over starts mid-stream); keeps every seq below {@link #floor} as processed and a window above it.
 * Owned by one partition owner's thread; not thread-safe.
 */
final class ProcessedSeqs {
  private static final int WINDOW = 1 << 16;

  private long floor = -1;
  private long highest = -1;
  private final BitSet seen = new BitSet();

  /** What became of {@code seq}: {@link Seen#NEW} (now recorded), a duplicate, or new but late. */
  Seen record(long seq) {
    if (floor < 0) {
      floor = seq;
    }
    if (seq < floor) {
      // Below what this owner has seen: older than its replay window, so it cannot tell; process it.
      return Seen.NEW_BUT_OLDER;
    }
    if (seq - floor >= WINDOW) {
      slideTo(seq - WINDOW / 2);
    }
    int bit = (int) (seq - floor);
    if (seen.get(bit)) {
      return Seen.DUPLICATE;
    }
    seen.set(bit);
    boolean older = seq < highest;
    highest = Math.max(highest, seq);
    return older ? Seen.NEW_BUT_OLDER : Seen.NEW;
  }

  private void slideTo(long newFloor) {
    int shift = (int) Math.min(newFloor - floor, Integer.MAX_VALUE);
    BitSet moved = seen.get(shift, Math.max(shift, seen.length()));
    seen.clear();
    seen.or(moved);
    floor = newFloor;
  }

  enum Seen { NEW, NEW_BUT_OLDER, DUPLICATE }
}
