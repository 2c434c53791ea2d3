package com.plantar.gateway.store;

import java.util.Locale;

public enum AlertSeverity {
  INFO,
  WARNING,
  CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertSeverity fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
