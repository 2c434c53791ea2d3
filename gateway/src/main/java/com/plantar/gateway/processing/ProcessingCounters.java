package com.plantar.gateway.processing;

/**
 * What processing skipped, and why (a frame is never processed twice into the same engine, and
 * nothing here stops the journal). Written only by the owning shard's thread (hence plain increments of
 * volatile fields); read by gauges on any thread.
 */
public final class ProcessingCounters {
  volatile long frames;
  volatile long samples;
  volatile long dataWithoutHello;
  volatile long invalidHellos;
  volatile long outOfOrderForGait;
  volatile long backfillFrames;
  volatile long backfillUnpaired;
  volatile long backfillRestarts;
  volatile long undecodable;
  volatile long failed;

  /** A snapshot of the sums of several shards' counters. */
  static ProcessingCounters sum(Iterable<ProcessingCounters> shards) {
    ProcessingCounters total = new ProcessingCounters();
    for (ProcessingCounters c : shards) {
      total.frames += c.frames;
      total.samples += c.samples;
      total.dataWithoutHello += c.dataWithoutHello;
      total.invalidHellos += c.invalidHellos;
      total.outOfOrderForGait += c.outOfOrderForGait;
      total.backfillFrames += c.backfillFrames;
      total.backfillUnpaired += c.backfillUnpaired;
      total.backfillRestarts += c.backfillRestarts;
      total.undecodable += c.undecodable;
      total.failed += c.failed;
    }
    return total;
  }

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

  /** Live frames older than what the foot's live engine has already seen: stored, not in gait. */
  public long outOfOrderForGait() {
    return outOfOrderForGait;
  }

  /** Backlog DATA frames, which went to their wearer's backlog lane rather than the live engine. */
  public long backfillFrames() {
    return backfillFrames;
  }

  /**
   * Backlog frames released to gait without the other foot's backlog for the same time (it was more
   * than the lane waits for behind, or had none): their double support and step time are NaN.
   */
  public long backfillUnpaired() {
    return backfillUnpaired;
  }

  /** Backlog lanes finished early because a foot's backlog went back in time (an older upload). */
  public long backfillRestarts() {
    return backfillRestarts;
  }

  public long undecodable() {
    return undecodable;
  }

  /** Frames whose processing threw (a bug, logged with its journal index): skipped, the rest goes on. */
  public long failed() {
    return failed;
  }
}
