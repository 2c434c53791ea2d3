package com.plantar.gait.internal;

/** Receives one foot's contact events from a {@link ContactDetector}, in time order. */
interface ContactEvents {

  /** A foot touched down at {@code icMicros} (at or a little before the sample being processed). */
  void onInitialContact(long icMicros);

  /**
   * The foot left the ground at {@code toMicros}, which lies up to one edge window before the
   * sample being processed. {@code plausible} is false when the stance since the last initial
   * contact was too short, too long (standing) or had no known start.
   */
  void onToeOff(long toMicros, boolean plausible);
}
