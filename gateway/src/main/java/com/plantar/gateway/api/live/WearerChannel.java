package com.plantar.gateway.api.live;

import com.plantar.gait.FootSide;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One wearer's live frames: a bounded drop-oldest ring written by the wearer's processing shard (the one
 * owner of the wearer's state) and read by any number of SSE connections on Vert.x event loops. The
 * writer never waits for readers: it overwrites the oldest slot and advances {@link #published()};
 * a reader that fell more than the ring behind skips what was overwritten. The ring holds immutable
 * {@link LiveFrame}s, so reading one needs no lock.
 */
final class WearerChannel {
  static final int RING = 64;
  /** 20 frames a second of sample time: above the 10/s the live page needs, below what a browser redraws. */
  static final long EMIT_EVERY_US = 50_000;

  final AtomicInteger watchers = new AtomicInteger();
  private final AtomicReferenceArray<LiveFrame> ring = new AtomicReferenceArray<>(RING);
  private final AtomicLong published = new AtomicLong();

  // The owning shard thread only: the latest sample of each foot and when the next frame is due.
  private final float[][] latest = new float[2][];
  private long nextEmitUs = Long.MIN_VALUE;

  /** The owning shard thread: takes one sample; publishes a frame when one is due. */
  void onPressure(FootSide foot, long utcUs, float[] kpa, InsoleLayout[] layouts) {
    int f = foot.ordinal();
    if (latest[f] == null || latest[f].length != kpa.length) {
      latest[f] = new float[kpa.length];
    }
    System.arraycopy(kpa, 0, latest[f], 0, kpa.length);
    if (utcUs < nextEmitUs && nextEmitUs - utcUs <= EMIT_EVERY_US) {
      return;
    }
    nextEmitUs = utcUs + EMIT_EVERY_US;
    LiveFrame frame = new LiveFrame(utcUs, foot(latest[0], layouts[0]), foot(latest[1], layouts[1]));
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

  private static LiveFrame.Foot foot(float[] kpa, InsoleLayout layout) {
    if (kpa == null) {
      return null;
    }
    float[] copy = kpa.clone();
    if (layout == null || layout.cells().size() != kpa.length) {
      return new LiveFrame.Foot(copy, Double.NaN, Double.NaN, Double.NaN);
    }
    double force = 0;
    double x = 0;
    double y = 0;
    for (int c = 0; c < kpa.length; c++) {
      InsoleLayout.Cell cell = layout.cells().get(c);
      // kPa × mm² = 1e3 N/m² × 1e-6 m² = 1e-3 N
      double newtons = Math.max(0, kpa[c]) * cell.areaMm2() * 1e-3;
      force += newtons;
      x += newtons * cell.xMm();
      y += newtons * cell.yMm();
    }
    return force > 0 ? new LiveFrame.Foot(copy, x / force, y / force, force)
        : new LiveFrame.Foot(copy, Double.NaN, Double.NaN, 0);
  }
}
