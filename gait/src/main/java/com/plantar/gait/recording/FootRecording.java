package com.plantar.gait.recording;

import com.plantar.gait.FootLayout;

/**
 * One foot's samples. Either {@code cells} (one row of per-cell values per sample, as described by
 * {@code layout}) or {@code totalForce} (one value per sample) is set. Arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param timeMicros sample times from the start of the recording
 * @param totalForce single-channel force (units of the source), or null
 * @param cells per-cell values, or null
 * @param layout the cell layout when {@code cells} is set, else null
 * @param gapBefore samples after which the source marks a gap (missing rows), or null for none
 */
public record FootRecording(
    long[] timeMicros, float[] totalForce, float[][] cells, FootLayout layout, boolean[] gapBefore) {

  public FootRecording {
    if ((totalForce == null) == (cells == null)) {
      throw new IllegalArgumentException("exactly one of totalForce and cells must be set");
    }
    int n = timeMicros.length;
    if ((totalForce != null && totalForce.length != n) || (cells != null && cells.length != n)
        || (gapBefore != null && gapBefore.length != n)) {
      throw new IllegalArgumentException("all arrays need one entry per sample");
    }
    if (cells != null && layout == null) {
      throw new IllegalArgumentException("cells need a layout");
    }
  }

  public int size() {
    return timeMicros.length;
  }

  public boolean hasCells() {
    return cells != null;
  }
}
