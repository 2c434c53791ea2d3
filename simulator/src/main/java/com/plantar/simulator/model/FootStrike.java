package com.plantar.simulator.model;

/** Which part of the foot touches the ground first. */
public enum FootStrike {
  HEEL,
  FOREFOOT
}
