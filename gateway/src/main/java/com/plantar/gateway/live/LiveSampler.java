package com.plantar.gateway.live;

import com.plantar.gait.FootSide;

/**
 * Turns one wearer's stream of samples into {@link LiveFrame}s at 20 a second of sample time: keeps
 * each foot's latest sample, and when a frame is due draws both feet (cells, centre of pressure,
 * load) from them. Owned by the thread that owns the wearer's state (a processing shard or a
 * partition owner); not thread-safe.
 */
public final class LiveSampler {
  /** 20 frames a second of sample time: above the 10/s the live page needs, below what a browser redraws. */
  static final long EMIT_EVERY_US = 50_000;

  private final float[][] latest = new float[2][];
  private long nextEmitUs = Long.MIN_VALUE;

  /**
   * Takes one sample ({@code kpa} is copied, the caller may reuse it); returns the frame that is due
   * now, or null (most samples: no allocation then).
   */
  public LiveFrame sample(FootSide foot, long utcUs, float[] kpa, InsoleLayout[] layouts) {
    int f = foot.ordinal();
    if (latest[f] == null || latest[f].length != kpa.length) {
      latest[f] = new float[kpa.length];
    }
    System.arraycopy(kpa, 0, latest[f], 0, kpa.length);
    // A jump back in time (a new session, a re-anchored clock) restarts the cadence.
    if (utcUs < nextEmitUs && nextEmitUs - utcUs <= EMIT_EVERY_US) {
      return null;
    }
    nextEmitUs = utcUs + EMIT_EVERY_US;
    return new LiveFrame(utcUs, foot(latest[0], layouts[0]), foot(latest[1], layouts[1]));
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
