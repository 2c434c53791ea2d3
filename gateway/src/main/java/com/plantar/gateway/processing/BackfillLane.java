package com.plantar.gateway.processing;

import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitEngine;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One wearer's backlog, on a gait engine of its own. A backlog (DATA flagged BACKLOG: what an insole
 * recorded to flash while it could not reach the gateway) is older than what the wearer streams
 * live meanwhile, so it cannot go through the live engine, which takes each foot's samples in time
 * order. And the two insoles upload their flash independently, so one foot's backlog runs ahead of
 * the other's by however much faster its upload is. This lane therefore holds each foot's frames and
 * releases them to its engine in sample-time order across both feet, the order in which live frames
 * would have arrived, so that the engine sees both feet side by side (double support, step time and
 * symmetry need that) and a synced backlog yields the strides live streaming would have.
 *
 * <p>A frame is released once the other foot's backlog has reached its first sample, or the other
 * foot has no insole, or waiting is over: more than {@link #MAX_HELD_FRAMES} frames of its foot are
 * held (the other foot's upload is far behind or has nothing for this time), or it has waited
 * {@link #MAX_HOLD_MICROS} of gateway time. It then goes in without its partner and the values that
 * need the other foot are NaN, as for a wearer with one insole. A lane with nothing held and no
 * backlog for {@link #IDLE_MICROS} finishes its engine (the last strides, window and bout) and is
 * dropped.
 *
 * <p>Owned by the wearer's processing shard thread; not thread-safe. Holding costs a reference to
 * each held frame (its bytes are kept, about 200 B for 25 samples of 16 cells, and decoded again on
 * release), so at most about 2 × 480 × 0.2 KB per wearer that is syncing.
 */
final class BackfillLane {
  /** Two minutes of 100 Hz signal in frames of 25: more than two uploads running side by side drift apart. */
  static final int MAX_HELD_FRAMES = 480;
  /** How long a frame waits for the other foot's upload to catch up, in gateway (arrival) time. */
  static final long MAX_HOLD_MICROS = 10_000_000;
  /** A lane without backlog for this long is finished. */
  static final long IDLE_MICROS = 30_000_000;

  /** Feeds one released frame's samples to the lane's engine. */
  interface Feed {
    void feed(GaitEngine engine, HeldFrame frame);
  }

  private final Supplier<GaitEngine> newEngine;
  private final Feed feed;
  private final ProcessingCounters counters;
  @SuppressWarnings("unchecked")
  private final ArrayDeque<HeldFrame>[] held = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
  /** Per foot: the last sample time received into this lane (held or released). */
  private final long[] received = {Long.MIN_VALUE, Long.MIN_VALUE};
  /** Per foot: the last sample time fed to the engine. */
  private final long[] released = {Long.MIN_VALUE, Long.MIN_VALUE};
  private GaitEngine engine;
  private long lastBacklogUs = Long.MIN_VALUE;

  BackfillLane(Supplier<GaitEngine> newEngine, Feed feed, ProcessingCounters counters) {
    this.newEngine = newEngine;
    this.feed = feed;
    this.counters = counters;
  }

  /**
   * Takes a backlog frame and releases what may go now (possibly this frame, possibly others).
   *
   * @param pairedFoot whether the wearer has an insole on the other foot, whose backlog is worth waiting for
   */
  void offer(HeldFrame frame, boolean pairedFoot) {
    long nowUs = frame.heldAtUs();
    int foot = frame.foot().ordinal();
    if (frame.firstUtcUs() <= released[foot]) {
      // Goes back in time for its foot (a later upload of older flash, another boot): what is in the
      // engine cannot take it, so finish the engine and start again from this frame.
      counters.backfillRestarts++;
      finish();
    }
    lastBacklogUs = nowUs;
    received[foot] = Math.max(received[foot], frame.lastUtcUs());
    held[foot].addLast(frame);
    release(pairedFoot, nowUs);
  }

  /** Releases what has waited long enough; true while frames are still held. */
  boolean releaseOverdue(long nowUs) {
    release(true, nowUs);
    return holding();
  }

  /** Whether frames are held, waiting for the other foot. */
  boolean holding() {
    return !held[0].isEmpty() || !held[1].isEmpty();
  }

  /**
   * Gives {@code foot} a new layout if nothing of it is held or in the lane's engine (see
   * {@link GaitEngine#attachFoot}); false when the lane must be finished instead. Without an
   * engine yet, the next one is built with the wearer's layouts of then.
   */
  boolean attachFoot(FootSide foot, FootLayout layout) {
    return held[foot.ordinal()].isEmpty() && (engine == null || engine.attachFoot(foot, layout));
  }

  /** True once the lane has had no backlog for {@link #IDLE_MICROS}: then it is finished (drop it). */
  boolean finishIfIdle(long nowUs) {
    if (!holding() && nowUs - lastBacklogUs >= IDLE_MICROS) {
      finish();
      return true;
    }
    return false;
  }

  /** Releases everything held, in order, and finishes the engine (its last strides, window and bout). */
  void finish() {
    releaseAll();
    if (engine != null) {
      engine.finish();
      engine = null;
    }
    Arrays.fill(received, Long.MIN_VALUE);
    Arrays.fill(released, Long.MIN_VALUE);
  }

  /** The lowest journal position among the held frames (their gait results are not out yet), or MAX_VALUE. */
  long heldFrom() {
    long from = Long.MAX_VALUE;
    for (ArrayDeque<HeldFrame> foot : held) {
      HeldFrame first = foot.peekFirst(); // a foot's frames arrive in position order
      if (first != null && first.position() >= 0) {
        from = Math.min(from, first.position());
      }
    }
    return from;
  }

  private void release(boolean pairedFoot, long nowUs) {
    while (true) {
      HeldFrame next = earliestHead();
      if (next == null) {
        return;
      }
      int foot = next.foot().ordinal();
      int other = 1 - foot;
      boolean otherCaughtUp = !held[other].isEmpty() || received[other] >= next.firstUtcUs();
      boolean waitedEnough = held[foot].size() > MAX_HELD_FRAMES || nowUs - next.heldAtUs() >= MAX_HOLD_MICROS;
      if (!otherCaughtUp && pairedFoot && !waitedEnough) {
        return;
      }
      if (!otherCaughtUp && pairedFoot) {
        counters.backfillUnpaired++;
      }
      releaseHead(foot);
    }
  }

  private void releaseAll() {
    for (HeldFrame next = earliestHead(); next != null; next = earliestHead()) {
      releaseHead(next.foot().ordinal());
    }
  }

  private HeldFrame earliestHead() {
    HeldFrame left = held[0].peekFirst();
    HeldFrame right = held[1].peekFirst();
    if (left == null || right == null) {
      return left == null ? right : left;
    }
    return left.firstUtcUs() <= right.firstUtcUs() ? left : right;
  }

  private void releaseHead(int foot) {
    HeldFrame frame = held[foot].pollFirst();
    if (engine == null) {
      engine = newEngine.get();
    }
    feed.feed(engine, frame);
    released[foot] = frame.lastUtcUs();
  }
}
