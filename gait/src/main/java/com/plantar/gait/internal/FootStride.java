package com.plantar.gait.internal;

import com.plantar.gait.FootSide;
import com.plantar.gait.ForceProfile;
import com.plantar.gait.PressureProfile;

/** One foot's own view of a completed stride, before the other foot's timing is added. */
record FootStride(
    FootSide foot,
    long initialContactMicros,
    long toeOffMicros,
    long nextInitialContactMicros,
    ForceProfile force,
    PressureProfile pressure,
    boolean turnSuspected) {}
