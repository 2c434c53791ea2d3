package com.plantar.simulator.fleet;

import com.plantar.protocol.DeviceIds;

/** Who a simulated wearer is on the wire: the hub (phone) id and the two insoles' device ids. */
public record WearerIdentity(int index, String hubId, long leftDeviceId, long rightDeviceId) {
  public String leftHex() {
    return DeviceIds.toHex(leftDeviceId);
  }

  public String rightHex() {
    return DeviceIds.toHex(rightDeviceId);
  }
}
