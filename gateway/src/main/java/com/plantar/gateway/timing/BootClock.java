package com.plantar.gateway.timing;

/**
 * Maps one boot's monotonic clock to UTC: {@code utc = mono + offset + drift · (mono − mono0)}, fitted
 * by least squares over its ANCHORs (PROTOCOL.md §10), so that hours of backlog land at their true
 * times even though the insole's crystal runs fast or slow. The slope is kept within {@value
 * #MAX_DRIFT_PPM} ppm of 1: a larger one means a bad anchor, and a plain offset is safer.
 *
 * <p>Owned by the shard thread of its device; not thread-safe. O(1) memory: the fit keeps running
 * sums, with anchors weighted by the inverse square of their round-trip time.
 */
public final class BootClock {
  static final double MAX_DRIFT_PPM = 500;

  private double sumW;
  private double sumX;
  private double sumY;
  private double sumXx;
  private double sumXy;
  private long firstMono = Long.MIN_VALUE;
  private int anchors;
  private boolean hasHello;
  private long helloOffsetUs;

  /** Adds an ANCHOR: monotonic {@code monoUs} was UTC {@code utcUs}, measured with {@code rttUs}. */
  public void addAnchor(long monoUs, long utcUs, long rttUs) {
    if (firstMono == Long.MIN_VALUE) {
      firstMono = monoUs;
    }
    // Centre on the first anchor so the sums stay small enough for doubles to be exact to the µs.
    double x = monoUs - firstMono;
    double y = (double) (utcUs - monoUs);
    double rttMs = Math.max(1, rttUs) / 1000.0;
    double w = 1 / (rttMs * rttMs);
    sumW += w;
    sumX += w * x;
    sumY += w * y;
    sumXx += w * x * x;
    sumXy += w * x * y;
    anchors++;
  }

  /** Notes a HELLO of this boot: it said {@code monoNowUs} and arrived at {@code receivedUtcUs}. */
  public void addHello(long monoNowUs, long receivedUtcUs) {
    hasHello = true;
    helloOffsetUs = receivedUtcUs - monoNowUs;
  }

  public int anchorCount() {
    return anchors;
  }

  /**
   * UTC of monotonic time {@code monoUs}; without anchors or a HELLO, {@code fallbackUtcUs} (the
   * receive time) marked {@link TimeQuality#UNSYNCED}.
   */
  public MappedTime toUtc(long monoUs, long fallbackUtcUs) {
    if (anchors == 0) {
      return hasHello
          ? new MappedTime(monoUs + helloOffsetUs, TimeQuality.HELLO_ESTIMATE)
          : new MappedTime(fallbackUtcUs, TimeQuality.UNSYNCED);
    }
    double meanX = sumX / sumW;
    double meanY = sumY / sumW;
    double varX = sumXx / sumW - meanX * meanX;
    double drift = 0;
    if (anchors >= 2 && varX > 1e6) {
      drift = (sumXy / sumW - meanX * meanY) / varX;
      if (Math.abs(drift) > MAX_DRIFT_PPM * 1e-6) {
        drift = 0;
      }
    }
    double x = monoUs - firstMono;
    double offset = meanY + drift * (x - meanX);
    return new MappedTime(monoUs + Math.round(offset), TimeQuality.ANCHORED);
  }
}
