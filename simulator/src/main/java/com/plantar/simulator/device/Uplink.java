package com.plantar.simulator.device;

/**
 * What a device sees of its MQTT connection (direct or through a hub): publishing under its own
 * topic prefix. Called only on the device's simulation thread; completion callbacks are run on that
 * thread too.
 */
public interface Uplink {
  /** Whether the connection is up and the device may publish. */
  boolean isOnline();

  /** Publishes at QoS 0 on {@code suffix} (live, time/req); false when offline or refused. */
  boolean publishQos0(String suffix, byte[] payload);

  /**
   * Publishes at QoS 1 on {@code suffix} unless the in-flight window (the server's receive maximum
   * or the configured bound) is full or the connection is down; {@code onDelivered} runs once the
   * broker acknowledged it.
   */
  boolean publishQos1(String suffix, byte[] payload, boolean retain, Runnable onDelivered);

  /** QoS 1 publishes that may still be started now. */
  int freeWindow();

  /**
   * The ANCHOR {@code source} of time answered through this uplink (PROTOCOL.md §10): 1 when the
   * gateway answers over MQTT, 2 when a relaying phone answers over BLE.
   */
  default int timeSource() {
    return 1;
  }
}
