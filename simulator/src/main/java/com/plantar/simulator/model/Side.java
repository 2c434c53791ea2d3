package com.plantar.simulator.model;

/** Which foot an insole is under; HELLO {@code side}. */
public enum Side {
  LEFT("L"),
  RIGHT("R");

  private final String code;

  Side(String code) {
    this.code = code;
  }

  /** {@code L} or {@code R}, as in HELLO. */
  public String code() {
    return code;
  }
}
