package com.plantar.gateway.demo;

import com.plantar.gateway.registry.Device;
import com.plantar.gateway.registry.Hub;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.Side;
import com.plantar.protocol.DeviceIds;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers the demo's wearers as an operator would with {@code plantar devices|hubs}: a hub (the
 * wearer's phone) paired to two insoles. A hub that exists from an earlier run gets a fresh token,
 * since tokens are stored only as hashes. Returns the hubs' tokens, which live only in memory.
 */
final class Provisioning {
  private static final String MODEL = "demo-16";

  private final Registry registry;
  private final String tenant;
  private final Set<String> devices;
  private final Set<String> hubs;
  private final Map<String, String> tokens = new HashMap<>();

  Provisioning(Registry registry, String tenant) {
    this.registry = registry;
    this.tenant = tenant;
    this.devices = registry.listDevices(Optional.of(tenant)).stream().map(Device::deviceId).collect(Collectors.toSet());
    this.hubs = registry.listHubs(Optional.of(tenant)).stream().map(Hub::hubId).collect(Collectors.toSet());
  }

  /** Makes sure the hub and its two insoles exist and are paired; remembers the hub's new token. */
  void wearer(String hubId, long leftDeviceId, long rightDeviceId) {
    String left = DeviceIds.toHex(leftDeviceId);
    String right = DeviceIds.toHex(rightDeviceId);
    if (!devices.contains(left)) {
      registry.addDevice(tenant, left, Side.L, MODEL);
    }
    if (!devices.contains(right)) {
      registry.addDevice(tenant, right, Side.R, MODEL);
    }
    String token = hubs.contains(hubId) ? registry.rotateHub(hubId).token() : registry.addHub(tenant, hubId).token();
    registry.pair(hubId, left);
    registry.pair(hubId, right);
    tokens.put(hubId, token);
  }

  /** The token of a hub provisioned here, or null (the fleet then connects without a password). */
  String tokenFor(String identity) {
    return tokens.get(identity);
  }
}
