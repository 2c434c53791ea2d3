package com.plantar.gait;

/**
 * Something a clinician should look at.
 *
 * @param kind what happened
 * @param foot the foot concerned, or null for both
 * @param cell the cell index for a hot spot, else -1
 * @param atMicros when the alert condition was met
 * @param value the measured value (dwell seconds, or symmetry index %)
 * @param threshold the configured threshold it exceeded
 */
public record Alert(Kind kind, FootSide foot, int cell, long atMicros, double value, double threshold) {

  public enum Kind {
    /** One cell above the configured pressure for longer than the configured cumulative time. */
    HOT_SPOT,
    /** Load or stance symmetry index above the threshold in consecutive windows. */
    ASYMMETRY
  }
}
