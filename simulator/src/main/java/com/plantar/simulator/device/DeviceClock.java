package com.plantar.simulator.device;

/**
 * A device's monotonic clock: µs since boot, running fast or slow by {@code driftPpm} against the
 * simulation's true time, restarted (with the next boot id) by {@link #reboot}. Not thread-safe:
 * owned by the device's simulation thread.
 */
public final class DeviceClock {
  private final double rate;
  private long bootId;
  private long bootTrueUs;

  public DeviceClock(double driftPpm, long firstBootId, long bootTrueUs) {
    if (!(Math.abs(driftPpm) <= 10_000)) {
      throw new IllegalArgumentException("clock drift must be within ±10000 ppm: " + driftPpm);
    }
    this.rate = 1 + driftPpm / 1e6;
    this.bootId = firstBootId;
    this.bootTrueUs = bootTrueUs;
  }

  /** The boot counter naming the current timeline. */
  public long bootId() {
    return bootId;
  }

  /** Monotonic µs since boot at true time {@code trueUs}. */
  public long monoUs(long trueUs) {
    return Math.round((trueUs - bootTrueUs) * rate);
  }

  /** The true time at which the clock reads {@code monoUs} in the current boot. */
  public long trueUs(long monoUs) {
    return bootTrueUs + Math.round(monoUs / rate);
  }

  /** Starts a new boot at {@code trueUs}: the next boot id, the clock back at 0. */
  public void reboot(long trueUs) {
    bootId = (bootId + 1) & 0xFFFF_FFFFL;
    bootTrueUs = trueUs;
  }
}
