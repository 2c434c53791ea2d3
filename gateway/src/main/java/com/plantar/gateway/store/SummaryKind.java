package com.plantar.gateway.store;

import java.util.Locale;

/** A fixed-length summary window, or a walking bout (a run of steps between pauses). */
public enum SummaryKind {
  WINDOW,
  BOUT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SummaryKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
