package com.plantar.gateway.registry;

import java.util.Objects;
import java.util.Set;

/**
 * What the authenticator needs to know about one login name, read in one go.
 *
 * @param identity the device id or hub id
 * @param secretHash the stored slow hash of the token (see {@link SecretHasher}), never the token
 * @param deviceIds the devices this identity may act for: itself for a device; for a hub, its paired
 *     devices that are not revoked (pairing only ever joins devices and hubs of one tenant)
 */
public record Credential(
    String identity, IdentityKind kind, String tenant, String secretHash, boolean revoked, Set<String> deviceIds) {

  public Credential {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(secretHash, "secretHash");
    deviceIds = Set.copyOf(deviceIds);
  }

  @Override
  public String toString() {
    // The hash is not the secret, but it is what an offline guesser would need: keep it out of logs.
    return "Credential[identity=" + identity + ", kind=" + kind + ", tenant=" + tenant + ", revoked=" + revoked
        + ", deviceIds=" + deviceIds + "]";
  }
}
