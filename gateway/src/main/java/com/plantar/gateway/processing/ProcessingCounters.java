package com.plantar.gateway.processing;

/**
 * What processing skipped, and why (a frame is never processed twice into the same engine, and
 * nothing here stops the journal). Written only by the processor thread (hence plain increments of
 * volatile fields); read by gauges on any thread.
 */
public final class ProcessingCounters {
  volatile long frames;
  volatile long samples;
  volatile long dataWithoutHello;
  volatile long invalidHellos;
  volatile long outOfOrderForGait;
  volatile long undecodable;

  public long frames() {
    return frames;
  }

  public long samples() {
    return samples;
  }

  /** DATA frames whose device has sent no HELLO with a matching config_id yet. */
  public long dataWithoutHello() {
    return dataWithoutHello;
  }

  public long invalidHellos() {
    return invalidHellos;
  }

  /** Frames older than what the foot's engine has already seen (a late backlog): stored, not in gait. */
  public long outOfOrderForGait() {
    return outOfOrderForGait;
  }

  public long undecodable() {
    return undecodable;
  }
}
