package com.plantar.gait.internal;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitListener;

/**
 * Hot-spot dwell: per cell, the cumulative time spent above the configured pressure; when it
 * reaches the configured dwell an alert is raised and that cell's count starts again. No
 * allocation per sample.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class HotSpotTracker {

  private final FootSide foot;
  private final CellGeometry geometry;
  private final GaitListener listener;
  private final double thresholdKpa;
  private final long dwellMicros;
  private final long[] dwell;
  private long last = Long.MIN_VALUE;

  HotSpotTracker(FootSide foot, CellGeometry geometry, GaitConfig config, GaitListener listener) {
    this.foot = foot;
    this.geometry = geometry;
    this.listener = listener;
    this.thresholdKpa = config.hotSpotKilopascal();
    this.dwellMicros = config.hotSpotDwellMicros();
    this.dwell = new long[geometry.size()];
  }

  void gap() {
    last = Long.MIN_VALUE;
  }

  void accept(long micros) {
    long dt = last == Long.MIN_VALUE ? 0 : micros - last;
    last = micros;
    for (int i = 0; i < dwell.length; i++) {
      if (geometry.cellPressureKpa(i) > thresholdKpa) {
        dwell[i] += dt;
        if (dwell[i] >= dwellMicros) {
          listener.onAlert(new Alert(Alert.Kind.HOT_SPOT, foot, i, micros, dwell[i] * 1e-6,
              dwellMicros * 1e-6));
          dwell[i] = 0;
        }
      }
    }
  }
}
