package com.plantar.gateway.cluster;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the processors of this instance did with the frames topic, summed over their threads. The
 * fault tests require {@link #outOfOrder()} and {@link #foreign()} to stay 0: per-wearer order holds.
 */
public final class ClusterCounters {
  final LongAdder processed = new LongAdder();
  final LongAdder replayed = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder foreign = new LongAdder();
  final LongAdder assignments = new LongAdder();
  final LongAdder commits = new LongAdder();

  /** Frames processed with their results emitted. */
  public long processed() {
    return processed.sum();
  }

  /** Frames replayed without emitting after a partition was assigned. */
  public long replayed() {
    return replayed.sum();
  }

  /** DATA frames already processed (sent again after an edge failover): skipped. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** DATA frames older than a later one of the same device and boot that were not duplicates. */
  public long outOfOrder() {
    return outOfOrder.sum();
  }

  /** Records in a partition their key does not hash to, or not frame records at all. */
  public long foreign() {
    return foreign.sum();
  }

  /** Partitions this instance was assigned (each one a rebuild). */
  public long assignments() {
    return assignments.sum();
  }

  /** Offset commits (each after the store confirmed what precedes it). */
  public long commits() {
    return commits.sum();
  }
}
