package com.plantar.gait;

/**
 * A foot touching down or lifting off, reported as soon as it is timed (a toe-off one edge window
 * after it happened). Strides are built from these events.
 *
 * @param foot which foot
 * @param kind initial contact or toe-off
 * @param micros when it happened, on the samples' clock
 */
public record GaitEvent(FootSide foot, Kind kind, long micros) {

  public enum Kind {
    INITIAL_CONTACT,
    TOE_OFF
  }
}
