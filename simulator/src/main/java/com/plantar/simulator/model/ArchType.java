package com.plantar.simulator.model;

/** Foot arch: how much load the midfoot cells carry. */
public enum ArchType {
  HIGH(0.3),
  NORMAL(1.0),
  FLAT(2.2);

  private final double midfootFactor;

  ArchType(double midfootFactor) {
    this.midfootFactor = midfootFactor;
  }

  double midfootFactor() {
    return midfootFactor;
  }
}
