package com.plantar.simulator.model;

/** What the wearer is doing. */
public enum Activity {
  /** Alternating steps with the configured cadence and stance. */
  WALKING,
  /** Short, flat, fast steps; the swinging foot is not fully unloaded. */
  SHUFFLING,
  /** Both feet loaded with a slow postural sway. */
  STANDING,
  /** Feet resting on the floor, almost unloaded. */
  SITTING
}
