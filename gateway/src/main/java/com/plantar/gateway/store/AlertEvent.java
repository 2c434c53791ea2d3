package com.plantar.gateway.store;

import java.util.Optional;

/**
 * Something a wearer's clinician or the wearer should see: {@code type} is a code from a fixed set
 * (e.g. {@code asymmetry_high}, {@code overload_forefoot}; it becomes a tag, so never put free text
 * or values in it), with the measured value, the threshold it crossed and a human message. {@code
 * device} is empty when the alert concerns the wearer rather than one insole. Identity: tenant,
 * wearer, type, time.
 */
public record AlertEvent(String tenant, String wearer, Optional<String> device, long timeUtcUs, String type,
    AlertSeverity severity, double value, double threshold, String message) {
  public static final int MAX_MESSAGE_LENGTH = 1024;

  public AlertEvent {
    SeriesIds.require("tenant", tenant);
    SeriesIds.require("wearer", wearer);
    SeriesIds.nonNull("device", device).ifPresent(d -> SeriesIds.require("device", d));
    SeriesIds.require("alert type", type);
    SeriesIds.nonNull("severity", severity);
    SeriesIds.nonNull("message", message);
    if (message.length() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException("alert message longer than " + MAX_MESSAGE_LENGTH + " characters");
    }
  }
}
