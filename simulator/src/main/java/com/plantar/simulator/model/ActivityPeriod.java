package com.plantar.simulator.model;

/** One entry of an activity plan: an activity for a number of seconds. */
public record ActivityPeriod(Activity activity, double seconds) {
  public ActivityPeriod {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("an activity period lasts a positive time: " + seconds);
    }
  }
}
