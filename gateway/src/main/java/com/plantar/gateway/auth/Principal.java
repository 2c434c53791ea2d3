package com.plantar.gateway.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who a connection is, fixed at CONNECT time.
 *
 * @param tenant the tenant every topic of this connection must be under
 * @param identity the device id or hub id it logged in as
 * @param deviceIds the devices (16 lower-case hex digits each) whose topics it may use: its own id for a
 *     device; for a hub, the devices paired to it when it connected (pairing changes apply from its next
 *     CONNECT)
 */
public record Principal(String tenant, String identity, Kind kind, Set<String> deviceIds) {

  /** A device acts for itself; a hub (phone or gateway box) acts for the devices paired to it. */
  public enum Kind {
    DEVICE,
    HUB
  }

  public Principal {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(kind, "kind");
    deviceIds = Set.copyOf(deviceIds);
  }
}
