package com.plantar.simulator.fleet;

import java.util.Locale;

/** A snapshot of a running fleet, for the status line and for callers. */
public record FleetStatus(double elapsedSeconds, int devices, int devicesConnected,
    long framesProduced, long liveSent, long backlogSent, long framesAcked, long backlogFrames,
    long anchors, long errors) {

  /** One line: devices connected, frames sent/acked, backlog, errors. */
  public String line() {
    return String.format(Locale.ROOT,
        "%6.0fs  devices %d/%d connected  frames %d made, %d live, %d backlog sent, %d acked  "
            + "backlog %d in flash  anchors %d  errors %d",
        elapsedSeconds, devicesConnected, devices, framesProduced, liveSent, backlogSent, framesAcked,
        backlogFrames, anchors, errors);
  }
}
