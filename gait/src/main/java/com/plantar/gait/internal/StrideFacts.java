package com.plantar.gait.internal;

import com.plantar.gait.FootSide;
import com.plantar.gait.Stride;

/** The few numbers of a stride that summaries need: kept instead of the stride (memory). */
record StrideFacts(
    FootSide foot,
    long endMicros,
    double strideS,
    double stanceS,
    double swingS,
    double stepTimeS,
    double impulse,
    double maxForce,
    boolean turnSuspected) {

  static StrideFacts of(Stride s) {
    return new StrideFacts(s.foot(), s.nextInitialContactMicros(), s.timing().strideS(),
        s.timing().stanceS(), s.timing().swingS(), s.timing().stepTimeS(), s.force().impulse(),
        s.force().maxForce(), s.turnSuspected());
  }
}
