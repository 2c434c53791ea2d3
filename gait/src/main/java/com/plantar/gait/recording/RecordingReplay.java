package com.plantar.gait.recording;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitEngine;

/** Feeds a whole {@link Recording} into a {@link GaitEngine}, both feet merged in time order. */
public final class RecordingReplay {

  private RecordingReplay() {}

  /** Feeds every sample, then calls {@link GaitEngine#finish()}. */
  public static void feed(Recording recording, GaitEngine engine) {
    FootRecording left = recording.left();
    FootRecording right = recording.right();
    int i = 0;
    int j = 0;
    int nl = left == null ? 0 : left.size();
    int nr = right == null ? 0 : right.size();
    while (i < nl || j < nr) {
      boolean takeLeft = j >= nr || (i < nl && left.timeMicros()[i] <= right.timeMicros()[j]);
      if (takeLeft) {
        send(engine, FootSide.LEFT, left, i++);
      } else {
        send(engine, FootSide.RIGHT, right, j++);
      }
    }
    engine.finish();
  }

  private static void send(GaitEngine engine, FootSide side, FootRecording foot, int i) {
    boolean gap = foot.gapBefore() != null && foot.gapBefore()[i];
    if (foot.hasCells()) {
      engine.acceptCells(side, foot.timeMicros()[i], foot.cells()[i], gap);
    } else {
      engine.acceptForce(side, foot.timeMicros()[i], foot.totalForce()[i], gap);
    }
  }
}
