package com.plantar.gateway.registry;

import java.time.Instant;
import java.time.LocalDate;

/** Something done for a wearer on a day (an orthotic fitted, …), the pivot of a before/after report. */
public record Intervention(long id, String wearerId, Kind kind, LocalDate date, String note, String createdBy,
    Instant createdAt) {
  public static final int MAX_NOTE_LENGTH = 2_000;

  public enum Kind {
    ORTHOTIC_FITTED,
    OTHER;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code label}, or INVALID_ARGUMENT. */
    public static Kind fromLabel(String label) {
      for (Kind kind : values()) {
        if (kind.label().equals(label)) {
          return kind;
        }
      }
      throw new RegistryException(RegistryException.Reason.INVALID_ARGUMENT,
          "intervention kind must be orthotic_fitted or other: " + label);
    }
  }
}
