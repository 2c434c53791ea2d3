package com.plantar.gait.internal;

/**
 * The last few contact events of one foot (initial contacts and toe-offs, in time order), so the
 * other foot's strides can find their double-support and step times. Fixed size, no allocation.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class EventHistory {

  private static final int SIZE = 32;
  private static final int MASK = SIZE - 1;

  private final long[] times = new long[SIZE];
  private final boolean[] contact = new boolean[SIZE];
  private long count;
  /** Events before this time may be missing (start or gap). */
  private long continuousSince = Long.MAX_VALUE;

  void add(long micros, boolean initialContact) {
    times[(int) (count & MASK)] = micros;
    contact[(int) (count & MASK)] = initialContact;
    count++;
  }

  /** Events are known to be complete from {@code micros} on (the foot's first sample after a gap). */
  void continuousFrom(long micros) {
    continuousSince = micros;
  }

  long continuousSince() {
    return continuousSince;
  }

  /** Time of the first event of the kind strictly inside (from, to), or MIN_VALUE. */
  long first(boolean initialContact, long from, long to) {
    long found = Long.MIN_VALUE;
    for (long i = count - 1; i >= 0 && i >= count - SIZE; i--) {
      long t = times[(int) (i & MASK)];
      if (t <= from) {
        break;
      }
      if (t < to && contact[(int) (i & MASK)] == initialContact) {
        found = t;
      }
    }
    return found;
  }

  /** Time of the last event of the kind at or before {@code at}, or MIN_VALUE. */
  long lastAtOrBefore(boolean initialContact, long at) {
    for (long i = count - 1; i >= 0 && i >= count - SIZE; i--) {
      long t = times[(int) (i & MASK)];
      if (t <= at && contact[(int) (i & MASK)] == initialContact) {
        return t;
      }
    }
    return Long.MIN_VALUE;
  }

  /** Whether the foot was loaded at {@code at}: its last event before then was a contact. */
  boolean loadedAt(long at) {
    for (long i = count - 1; i >= 0 && i >= count - SIZE; i--) {
      long t = times[(int) (i & MASK)];
      if (t <= at) {
        return contact[(int) (i & MASK)];
      }
    }
    return false;
  }
}
