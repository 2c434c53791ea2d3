package com.plantar.simulator.device;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by the devices of a fleet; written by simulation and MQTT threads, read by anyone. */
public final class DeviceCounters {
  public final LongAdder framesProduced = new LongAdder();
  public final LongAdder liveSent = new LongAdder();
  public final LongAdder backlogSent = new LongAdder();
  public final LongAdder framesAcked = new LongAdder();
  public final LongAdder nackedResent = new LongAdder();
  public final LongAdder flashRefused = new LongAdder();
  public final LongAdder badControlFrames = new LongAdder();
  public final LongAdder anchorsSent = new LongAdder();
  public final LongAdder reboots = new LongAdder();
  public final LongAdder publishErrors = new LongAdder();
  public final LongAdder connectErrors = new LongAdder();
}
