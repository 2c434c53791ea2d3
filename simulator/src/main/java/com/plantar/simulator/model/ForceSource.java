package com.plantar.simulator.model;

/**
 * Where an insole's cell forces come from: the parametric gait model or a replayed recording.
 * Owned by the thread that simulates the wearer.
 */
public interface ForceSource {
  SensorLayout layout();

  /** Writes the force (N) on each cell under {@code side} at {@code tUs} (µs since the start) into {@code out}. */
  void forces(Side side, long tUs, double[] out);
}
