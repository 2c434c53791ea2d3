package com.plantar.gateway.server;

import com.plantar.gateway.processing.WearerDirectory;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.registry.Hub;
import com.plantar.gateway.registry.Registry;
import com.plantar.protocol.DeviceIds;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wearers as the registry implies them until it knows wearers itself: the insoles paired to one hub
 * (a wearer's phone) are one wearer, named after the hub; an unpaired insole is a wearer of its own.
 * The map is rebuilt by {@link #refresh()} (on a timer) and read from memory on the journal reader thread
 * (which routes each frame to its wearer's processing shard).
 */
final class HubWearers implements WearerDirectory {
  private static final Logger log = LoggerFactory.getLogger(HubWearers.class);

  private final Registry registry;
  private volatile Map<String, String> hubOfDevice = Map.of();
  /** Why the last refresh failed (the registry could not be read), or null after a success. */
  private volatile String failure;

  HubWearers(Registry registry) {
    this.registry = registry;
  }

  void refresh() {
    try {
      Map<String, String> fresh = new HashMap<>();
      for (Hub hub : registry.listHubs(Optional.empty())) {
        if (hub.revokedAt().isEmpty()) {
          hub.pairedDeviceIds().forEach(device -> fresh.put(device, hub.hubId()));
        }
      }
      hubOfDevice = Map.copyOf(fresh);
      failure = null;
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      log.warn("could not refresh hub pairings; keeping the previous ones", e);
    }
  }

  /**
   * Why the registry could not be read at the last refresh (every 30 s), if it could not: the
   * registry's reachability as {@code /health} and {@code /metrics} show it.
   */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public WearerRef wearerOf(String tenant, long deviceId) {
    String device = DeviceIds.toHex(deviceId);
    return new WearerRef(tenant, hubOfDevice.getOrDefault(device, device));
  }
}
