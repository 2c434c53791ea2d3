package com.plantar.gateway.store;

/** A half-open time range {@code [fromUtcUs, toUtcUs)} in UTC microseconds since the epoch. */
public record TimeRange(long fromUtcUs, long toUtcUs) {
  public TimeRange {
    if (toUtcUs < fromUtcUs) {
      throw new IllegalArgumentException("time range ends before it starts: " + fromUtcUs + " > " + toUtcUs);
    }
  }

  public boolean contains(long utcUs) {
    return utcUs >= fromUtcUs && utcUs < toUtcUs;
  }
}
