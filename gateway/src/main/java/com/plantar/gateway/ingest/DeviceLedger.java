package com.plantar.gateway.ingest;

import com.plantar.protocol.SeqRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows of one device's DATA frames: per boot, which are durable ({@link
 * SeqWindow}), the highest seq seen on {@code live} (to find QoS 0 losses), and whether an ACK is
 * owed. Owned by the device's shard thread; not thread-safe.
 */
final class DeviceLedger {
  /** Boots remembered per device; an older boot's frames start a fresh window (harmless re-acks). */
  static final int BOOTS_KEPT = 8;

  private final Map<Long, Boot> boots = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boot> eldest) {
      return size() > BOOTS_KEPT;
    }
  };
  private int framesSinceAck;
  private boolean flushScheduled;
  /** Whether a boot holds refused frames: the per-frame check after a durable append reads only this. */
  private boolean anyRefused;

  private static final class Boot {
    final SeqWindow durable = new SeqWindow();
    long highestLive = -1;
    boolean ackOwed;
    /** Lowest and highest seq the sink refused since they were last asked for again; -1 when none. */
    long refusedLow = -1;
    long refusedHigh = -1;
  }

  private Boot boot(long bootId) {
    return boots.computeIfAbsent(bootId, id -> new Boot());
  }

  boolean isDurable(long bootId, long seq) {
    Boot boot = boots.get(bootId);
    return boot != null && boot.durable.isDurable(seq);
  }

  /** Records a durable frame; false when it is beyond the window and cannot be acknowledged yet. */
  boolean markDurable(long bootId, long seq) {
    Boot boot = boot(bootId);
    boot.ackOwed = true;
    framesSinceAck++;
    return boot.durable.markDurable(seq);
  }

  /** A duplicate arrived: the device did not get our ACK, so owe it one again. */
  void reacknowledge(long bootId) {
    boot(bootId).ackOwed = true;
    framesSinceAck++;
  }

  /**
   * True when a {@code live} frame comes with a seq at or below one already seen live for its boot.
   * A device sends live frames in order, so this means they reach the gateway out of order: behind
   * a broker, several gateways sharing the device's frames without a sticky strategy.
   */
  boolean liveOutOfOrder(long bootId, long seq) {
    Boot boot = boots.get(bootId);
    return boot != null && boot.highestLive >= 0 && seq <= boot.highestLive;
  }

  /**
   * Notes a frame seen on {@code live} and returns the seqs skipped since the previous one that are
   * not durable (lost on the QoS 0 path): the NACK ranges, at most 255.
   */
  List<SeqRange> liveGaps(long bootId, long seq) {
    Boot boot = boot(bootId);
    List<SeqRange> gaps = List.of();
    if (boot.highestLive >= 0 && seq > boot.highestLive + 1) {
      // Look back at most one window: a bigger jump is a reboot-like discontinuity, not QoS 0 loss.
      gaps = notDurable(boot, Math.max(boot.highestLive + 1, seq - SeqWindow.WINDOW), seq);
    }
    boot.highestLive = Math.max(boot.highestLive, seq);
    return gaps;
  }

  /**
   * Notes a DATA frame the sink refused (the journal full or failing). A device that is refused on
   * {@code live} gets no answer, and one refused on {@code sync} uploads again only when it
   * reconnects: so the gateway asks for these frames again itself, once storage takes frames again.
   */
  void refused(long bootId, long seq) {
    Boot boot = boot(bootId);
    boot.refusedLow = boot.refusedLow < 0 ? seq : Math.min(boot.refusedLow, seq);
    boot.refusedHigh = Math.max(boot.refusedHigh, seq);
    anyRefused = true;
  }

  /**
   * The frames of {@code bootId} refused since the last call that are still not durable, as NACK
   * ranges (at most 255, within the last window), and forgets them.
   */
  List<SeqRange> takeRefused(long bootId) {
    if (!anyRefused) {
      return List.of();
    }
    Boot boot = boots.get(bootId);
    if (boot == null || boot.refusedLow < 0) {
      return List.of();
    }
    List<SeqRange> ranges = notDurable(boot, Math.max(boot.refusedLow, boot.refusedHigh + 1 - SeqWindow.WINDOW),
        boot.refusedHigh + 1);
    boot.refusedLow = -1;
    boot.refusedHigh = -1;
    anyRefused = boots.values().stream().anyMatch(b -> b.refusedLow >= 0);
    return ranges;
  }

  /** The runs of seqs in [from, to) that are not durable, at most 255. */
  private static List<SeqRange> notDurable(Boot boot, long from, long to) {
    List<SeqRange> runs = new ArrayList<>();
    long runStart = -1;
    long seq = from;
    for (; seq < to && runs.size() < 255; seq++) {
      boolean missing = !boot.durable.isDurable(seq);
      if (missing && runStart < 0) {
        runStart = seq;
      } else if (!missing && runStart >= 0) {
        runs.add(new SeqRange(runStart, (int) (seq - runStart)));
        runStart = -1;
      }
    }
    if (runStart >= 0 && runs.size() < 255) {
      runs.add(new SeqRange(runStart, (int) (seq - runStart)));
    }
    return runs;
  }

  int framesSinceAck() {
    return framesSinceAck;
  }

  /** Claims the single pending flush timer; false when one is already scheduled. */
  boolean claimFlushTimer() {
    if (flushScheduled) {
      return false;
    }
    flushScheduled = true;
    return true;
  }

  /** The ACKs owed, one per boot: (boot id, next_seq, ranges). Clears what it returns. */
  List<OwedAck> takeOwedAcks() {
    List<OwedAck> owed = new ArrayList<>();
    for (Map.Entry<Long, Boot> entry : boots.entrySet()) {
      Boot boot = entry.getValue();
      if (boot.ackOwed) {
        owed.add(new OwedAck(entry.getKey(), boot.durable.next(), boot.durable.ranges(255)));
        boot.ackOwed = false;
      }
    }
    framesSinceAck = 0;
    flushScheduled = false;
    return owed;
  }

  record OwedAck(long bootId, long nextSeq, List<SeqRange> ranges) {}
}
