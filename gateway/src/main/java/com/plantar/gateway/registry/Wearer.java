package com.plantar.gateway.registry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A wearer as the registry knows one: the hub (phone) their insoles are paired to, or an unpaired
 * insole, named by that id; the profile a clinician keeps; and the devices that carry their data.
 */
public record Wearer(String id, String tenant, Optional<String> displayName, OptionalDouble bodyWeightKg,
    Optional<String> shoeSize, String notes, List<WearerDevice> devices) {
  public Wearer {
    devices = List.copyOf(devices);
  }

  /** The name to show: the profile's, else the id. */
  public String shownName() {
    return displayName.orElse(id);
  }

  /** An insole (with its side) or the hub that forwards for them. */
  public record WearerDevice(String id, Optional<Side> side, Kind kind) {
    public enum Kind {
      INSOLE,
      HUB
    }
  }
}
