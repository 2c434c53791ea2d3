package com.plantar.gateway.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** One registered phone or hub as listed, with the devices paired to it; never carries its secret. */
public record Hub(
    String hubId, String tenant, Instant createdAt, Optional<Instant> revokedAt, SortedSet<String> pairedDeviceIds) {

  public Hub {
    Objects.requireNonNull(hubId, "hubId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    pairedDeviceIds = Collections.unmodifiableSortedSet(new TreeSet<>(pairedDeviceIds));
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
