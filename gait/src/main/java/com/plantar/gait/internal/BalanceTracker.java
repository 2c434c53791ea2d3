package com.plantar.gait.internal;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitListener;
import com.plantar.gait.StandingBalance;

/**
 * Standing balance: while both feet are loaded (no foot in swing, hence no step), accumulates the
 * left/right weight share and each foot's CoP sway; an episode of at least the configured minimum
 * is reported when it ends.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class BalanceTracker {

  private final GaitConfig config;
  private final GaitListener listener;
  /** The engine's trackers by foot, read at every sample (a foot may be attached later). */
  private final FootTracker[] feet;
  private final SwayAccumulator leftSway = new SwayAccumulator();
  private final SwayAccumulator rightSway = new SwayAccumulator();
  private long start = Long.MIN_VALUE;
  private long last;
  private double leftLoad;
  private double totalLoad;

  BalanceTracker(GaitConfig config, GaitListener listener, FootTracker[] feet) {
    this.config = config;
    this.listener = listener;
    this.feet = feet;
  }

  /** After each sample of {@code foot}. */
  void accept(FootTracker foot, long micros) {
    FootTracker left = feet[0];
    FootTracker right = feet[1];
    if (!left.loaded() || !right.loaded()) {
      end();
      return;
    }
    if (start == Long.MIN_VALUE) {
      start = micros;
      last = micros;
      leftLoad = 0;
      totalLoad = 0;
      leftSway.reset();
      rightSway.reset();
    }
    double dt = (micros - last) * 1e-6;
    last = Math.max(last, micros);
    double l = left.force();
    double r = right.force();
    leftLoad += l * dt;
    totalLoad += (l + r) * dt;
    CellGeometry g = foot.geometry();
    if (g != null && g.totalCellForce() > 0) {
      (foot == left ? leftSway : rightSway).add(micros, g.copX(), g.copY());
    }
  }

  /** Ends the current episode (foot unloaded, gap or end of input); reports it if long enough. */
  void end() {
    if (start == Long.MIN_VALUE) {
      return;
    }
    FootTracker left = feet[0];
    FootTracker right = feet[1];
    long duration = last - start;
    if (duration >= config.standingMinMicros() && totalLoad > 0) {
      double s = duration * 1e-6;
      listener.onStandingBalance(new StandingBalance(start, last, leftLoad / totalLoad * 100,
          left.geometry() == null ? null : leftSway.result(s),
          right.geometry() == null ? null : rightSway.result(s)));
    }
    start = Long.MIN_VALUE;
  }
}
