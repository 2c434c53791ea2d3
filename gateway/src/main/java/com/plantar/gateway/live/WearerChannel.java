package com.plantar.gateway.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One wearer's live frames: a bounded drop-oldest ring written by one thread (the wearer's
 * processing shard, or in cluster mode the live relay) and read by any number of SSE connections on
 * Vert.x event loops. The writer never waits for readers: it overwrites the oldest slot and advances
 * {@link #published()}; a reader that fell more than the ring behind skips what was overwritten. The
 * ring holds immutable {@link LiveFrame}s, so reading one needs no lock.
 */
final class WearerChannel {
  static final int RING = 64;

  final AtomicInteger watchers = new AtomicInteger();
  /** The single writer's: the frames made from this wearer's samples (single-node mode). */
  final LiveSampler sampler = new LiveSampler();
  private final AtomicReferenceArray<LiveFrame> ring = new AtomicReferenceArray<>(RING);
  private final AtomicLong published = new AtomicLong();

  /** The single writer: appends a frame. */
  void publish(LiveFrame frame) {
    long seq = published.get() + 1;
    ring.set((int) (seq % RING), frame);
    published.set(seq);
  }

  /** The sequence number of the newest frame (0: none yet). */
  long published() {
    return published.get();
  }

  /** The frame with this sequence number, or null if it was overwritten (or never written). */
  LiveFrame frame(long seq) {
    LiveFrame frame = ring.get((int) (seq % RING));
    return published.get() - seq < RING ? frame : null;
  }
}
