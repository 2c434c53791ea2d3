package com.plantar.simulator.device;

/**
 * One time-sync burst (PROTOCOL.md §10): {@value #PROBES} probes {@value #SPACING_US} µs apart; for
 * each TIME_RES received at monotonic t3, {@code rtt = (t3 − t0) − (t2 − t1)} and {@code offset =
 * ((t1 − t0) + (t2 − t3)) / 2}; the probe with the smallest rtt gives the ANCHOR {@code (t3, t3 +
 * offset, rtt)}. The burst ends when every probe is answered or {@value #TIMEOUT_US} µs after the
 * last probe was sent. Not thread-safe: owned by the device's simulation thread.
 */
public final class TimeSync {
  public static final int PROBES = 8;
  public static final long SPACING_US = 50_000;
  public static final long TIMEOUT_US = 1_000_000;

  /** The best probe's result, ready to be sent as an ANCHOR. */
  public record Result(long monoUs, long utcUs, long rttUs) {}

  private final long startMonoUs;
  private final int firstRequestId;
  private final long[] sentAt = new long[PROBES];
  private int sent;
  private int answered;
  private long bestRtt = Long.MAX_VALUE;
  private Result best;

  /** A burst whose first probe is due at {@code startMonoUs}, with request ids from {@code firstRequestId}. */
  public TimeSync(long startMonoUs, int firstRequestId) {
    this.startMonoUs = startMonoUs;
    this.firstRequestId = firstRequestId & 0xFFFF;
  }

  /** The request id of the probe due at {@code monoNowUs} (and marks it sent), or −1. */
  public int nextProbe(long monoNowUs) {
    if (sent >= PROBES || monoNowUs < startMonoUs + sent * SPACING_US) {
      return -1;
    }
    sentAt[sent] = monoNowUs;
    return (firstRequestId + sent++) & 0xFFFF;
  }

  /** Takes a TIME_RES received at {@code t3MonoUs}; answers to unknown or repeated ids are ignored. */
  public void onResponse(int requestId, long t0MonoUs, long t1UtcUs, long t2UtcUs, long t3MonoUs) {
    int index = (requestId - firstRequestId) & 0xFFFF;
    if (index >= sent || sentAt[index] != t0MonoUs) {
      return;
    }
    sentAt[index] = Long.MIN_VALUE;
    answered++;
    long rtt = (t3MonoUs - t0MonoUs) - (t2UtcUs - t1UtcUs);
    long offset = Math.floorDiv((t1UtcUs - t0MonoUs) + (t2UtcUs - t3MonoUs), 2);
    if (rtt >= 0 && rtt < bestRtt) {
      bestRtt = rtt;
      best = new Result(t3MonoUs, t3MonoUs + offset, rtt);
    }
  }

  /** Whether the burst is over at {@code monoNowUs}. */
  public boolean finished(long monoNowUs) {
    return answered == PROBES
        || sent == PROBES && monoNowUs >= sentAt(PROBES - 1) + TIMEOUT_US;
  }

  private long sentAtOrStart(int index) {
    return startMonoUs + index * SPACING_US;
  }

  private long sentAt(int index) {
    return sentAt[index] == Long.MIN_VALUE ? sentAtOrStart(index) : sentAt[index];
  }

  /** The best probe's result, or null when no probe was answered. */
  public Result result() {
    return best;
  }
}
