package com.plantar.gateway.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One registered insole as listed; never carries its secret. */
public record Device(
    String deviceId, String tenant, Side side, String model, Instant createdAt, Optional<Instant> revokedAt) {

  public Device {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
