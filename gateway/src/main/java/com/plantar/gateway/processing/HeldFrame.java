package com.plantar.gateway.processing;

import com.plantar.gait.FootSide;
import com.plantar.gateway.ingest.AcceptedFrame;

/**
 * A backlog DATA frame waiting in a {@link BackfillLane}: the frame itself (decoded again when
 * released), its samples' UTC times as mapped when it arrived (the times its raw samples were stored
 * at), and the calibrations of the HELLO it was sent under.
 *
 * @param position its journal index (or Kafka offset), -1 when the caller does not track one
 * @param heldAtUs gateway time at which it arrived
 */
record HeldFrame(AcceptedFrame frame, FootSide foot, long[] times, CellCalibration[] calibrations,
    boolean gapBefore, long position, long heldAtUs) {

  long firstUtcUs() {
    return times[0];
  }

  long lastUtcUs() {
    return times[times.length - 1];
  }
}
