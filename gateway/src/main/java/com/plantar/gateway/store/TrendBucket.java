package com.plantar.gateway.store;

/**
 * Bucket width of a trend: a UTC day, or an ISO week starting Monday 00:00 UTC. Buckets are labelled
 * by their start.
 */
public enum TrendBucket {
  DAY,
  WEEK;

  private static final long DAY_US = 86_400_000_000L;
  /** 1970-01-01 was a Thursday; the first Monday started 4 days later. */
  private static final long FIRST_MONDAY_US = 4 * DAY_US;

  /** The start of the bucket holding {@code utcUs}. */
  public long floor(long utcUs) {
    return switch (this) {
      case DAY -> Math.floorDiv(utcUs, DAY_US) * DAY_US;
      case WEEK -> Math.floorDiv(utcUs - FIRST_MONDAY_US, 7 * DAY_US) * 7 * DAY_US + FIRST_MONDAY_US;
    };
  }
}
