package com.plantar.gateway.processing;

/**
 * Which wearer a device belongs to, so that both insoles of a person feed one gait engine (double
 * support and symmetry need both feet). Called on the processor's reader thread; must answer from memory.
 */
@FunctionalInterface
public interface WearerDirectory {
  /** Until a registry knows wearers: every device is a wearer of its own (one foot each). */
  WearerDirectory EACH_DEVICE = (tenant, deviceId) ->
      new WearerRef(tenant, com.plantar.protocol.DeviceIds.toHex(deviceId));

  WearerRef wearerOf(String tenant, long deviceId);
}
