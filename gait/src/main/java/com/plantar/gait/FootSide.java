package com.plantar.gait;

/** Which foot a sample or a stride belongs to. */
public enum FootSide {
  LEFT("L"),
  RIGHT("R");

  private final String letter;

  FootSide(String letter) {
    this.letter = letter;
  }

  /** {@code L} or {@code R}, as written in stride tables. */
  public String letter() {
    return letter;
  }

  public FootSide other() {
    return this == LEFT ? RIGHT : LEFT;
  }
}
