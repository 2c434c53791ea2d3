package com.plantar.simulator.device;

/**
 * How a device behaves over time, immutable: clock drift; flash size; the in-flight bound used
 * when the server announces none (MQTT 3); how often it reboots; battery events; the live/backlog
 * pacing. Intervals of 0 disable the behaviour.
 */
public record DeviceBehaviour(double clockDriftPpm, long flashBytes, int maxInFlight,
    double rebootEverySeconds, double batteryEventEverySeconds, int syncPublishesPerTick) {
  public static final int MAX_SYNC_PAYLOAD = 32 * 1024;

  public DeviceBehaviour {
    if (maxInFlight < 1 || syncPublishesPerTick < 1) {
      throw new IllegalArgumentException("in-flight bound and sync pace must be positive");
    }
  }

  /** 20 ppm drift, 4 MiB flash, 16 in flight, no reboots, a battery event every 5 minutes. */
  public static DeviceBehaviour typical() {
    return new DeviceBehaviour(20, 4L << 20, 16, 0, 300, 4);
  }

  public DeviceBehaviour withClockDriftPpm(double ppm) {
    return new DeviceBehaviour(ppm, flashBytes, maxInFlight, rebootEverySeconds,
        batteryEventEverySeconds, syncPublishesPerTick);
  }

  public DeviceBehaviour withFlashBytes(long bytes) {
    return new DeviceBehaviour(clockDriftPpm, bytes, maxInFlight, rebootEverySeconds,
        batteryEventEverySeconds, syncPublishesPerTick);
  }

  public DeviceBehaviour withMaxInFlight(int bound) {
    return new DeviceBehaviour(clockDriftPpm, flashBytes, bound, rebootEverySeconds,
        batteryEventEverySeconds, syncPublishesPerTick);
  }

  public DeviceBehaviour withRebootEverySeconds(double seconds) {
    return new DeviceBehaviour(clockDriftPpm, flashBytes, maxInFlight, seconds,
        batteryEventEverySeconds, syncPublishesPerTick);
  }

  public DeviceBehaviour withBatteryEventEverySeconds(double seconds) {
    return new DeviceBehaviour(clockDriftPpm, flashBytes, maxInFlight, rebootEverySeconds, seconds,
        syncPublishesPerTick);
  }
}
