package com.plantar.simulator.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in log-spaced buckets (about 4 % wide, 1 µs to ~70 s), recorded from any thread without
 * locks or allocation; percentiles are read at the end of a step.
 */
final class LatencyHistogram {
  private static final double GROWTH = 1.04;
  private static final int BUCKETS = 460;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long nanos) {
    double micros = Math.max(1, nanos / 1000.0);
    int bucket = (int) Math.min(BUCKETS - 1, Math.log(micros) / Math.log(GROWTH));
    counts.incrementAndGet(bucket);
  }

  /** The latency in ms below which {@code fraction} of the recorded ones fall (bucket upper edge). */
  double percentileMillis(double fraction) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.pow(GROWTH, i + 1) / 1000.0;
      }
    }
    return Double.NaN;
  }
}
