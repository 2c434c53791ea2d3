package com.plantar.simulator.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The insole's flash log: a bounded store of encoded frames in the order they were written. DATA
 * frames are freed by ACKs of their boot ({@code next_seq} and selective ranges, PROTOCOL.md §9.1);
 * ANCHOR frames by {@link #freeEntry} once delivered. When full, a new frame is refused (the oldest
 * data is the most valuable to keep) and counted.
 *
 * <p>Not thread-safe: owned by the device's simulation thread.
 */
public final class FlashLog {
  /** One frame in flash; {@code seq} is −1 for an ANCHOR. */
  public record Entry(long position, long bootId, long seq, byte[] frame) {
    public boolean isData() {
      return seq >= 0;
    }
  }

  private record Key(long bootId, long seq) {}

  private final long capacityBytes;
  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private final Map<Key, Long> positionOfData = new HashMap<>();
  private final ArrayDeque<Long> resendQueue = new ArrayDeque<>();
  private long nextPosition;
  private long usedBytes;
  private long dataFrames;
  private long refused;

  public FlashLog(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("flash capacity must be positive: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /** Appends a DATA frame; false (and counted) when the flash is full. */
  public boolean appendData(long bootId, long seq, byte[] frame) {
    if (!fits(frame)) {
      return false;
    }
    long position = store(bootId, seq, frame);
    positionOfData.put(new Key(bootId, seq), position);
    dataFrames++;
    return true;
  }

  /** Appends an ANCHOR frame; false (and counted) when the flash is full. */
  public boolean appendAnchor(long bootId, byte[] frame) {
    if (!fits(frame)) {
      return false;
    }
    store(bootId, -1, frame);
    return true;
  }

  private boolean fits(byte[] frame) {
    if (usedBytes + frame.length > capacityBytes) {
      refused++;
      return false;
    }
    return true;
  }

  private long store(long bootId, long seq, byte[] frame) {
    long position = nextPosition++;
    entries.put(position, new Entry(position, bootId, seq, frame));
    usedBytes += frame.length;
    return position;
  }

  /** Frees every DATA frame of {@code bootId} below {@code nextSeq} and in the ranges; returns how many. */
  public int acknowledge(long bootId, long nextSeq, List<long[]> ranges) {
    int freed = 0;
    // Frames of a boot are stored in seq order, so walk that boot's keys rather than all seqs below.
    List<Key> toFree = new ArrayList<>();
    for (Key key : positionOfData.keySet()) {
      if (key.bootId == bootId && (key.seq < nextSeq || inRanges(key.seq, ranges))) {
        toFree.add(key);
      }
    }
    for (Key key : toFree) {
      Long position = positionOfData.remove(key);
      Entry entry = entries.remove(position);
      usedBytes -= entry.frame().length;
      dataFrames--;
      freed++;
    }
    return freed;
  }

  private static boolean inRanges(long seq, List<long[]> ranges) {
    for (long[] range : ranges) {
      if (seq >= range[0] && seq < range[0] + range[1]) {
        return true;
      }
    }
    return false;
  }

  /** Frees a non-DATA entry (an ANCHOR that was delivered). */
  public void freeEntry(long position) {
    Entry entry = entries.get(position);
    if (entry != null && !entry.isData()) {
      entries.remove(position);
      usedBytes -= entry.frame().length;
    }
  }

  /**
   * Queues the frames of a NACK that are still in flash for resending; returns how many were
   * found (the others are gone and ignored, as PROTOCOL.md §9.2 allows).
   */
  public int requestResend(long bootId, List<long[]> ranges) {
    int found = 0;
    for (long[] range : ranges) {
      for (long seq = range[0]; seq < range[0] + range[1]; seq++) {
        Long position = positionOfData.get(new Key(bootId, seq));
        if (position != null) {
          resendQueue.add(position);
          found++;
        }
      }
    }
    return found;
  }

  /** The next NACKed frame still in flash, or null. */
  public Entry pollResend() {
    while (!resendQueue.isEmpty()) {
      Entry entry = entries.get(resendQueue.poll());
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  /** The oldest entry at or after {@code position} that is still in flash, or null. */
  public Entry oldestFrom(long position) {
    Map.Entry<Long, Entry> found = entries.ceilingEntry(position);
    return found == null ? null : found.getValue();
  }

  /** The position the next appended frame will get. */
  public long nextPosition() {
    return nextPosition;
  }

  /** The oldest DATA entry, or null. */
  public Entry oldestData() {
    for (Entry entry : entries.values()) {
      if (entry.isData()) {
        return entry;
      }
    }
    return null;
  }

  public boolean contains(long bootId, long seq) {
    return positionOfData.containsKey(new Key(bootId, seq));
  }

  public long dataFrames() {
    return dataFrames;
  }

  public long usedBytes() {
    return usedBytes;
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  /** Frames refused because the flash was full. */
  public long refused() {
    return refused;
  }
}
