package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a group of writes into synchronous {@code /write} requests of about {@code batchSize} lines
 * (µs precision), one retention policy each, retrying failures that are worth it (I/O errors, 5xx,
 * a full cache) with exponential backoff. The line protocol is written into two reused buffers (raw
 * samples, everything else) and sent by {@link InfluxHttpWrites}; a request leaves as soon as its
 * buffer holds {@code batchSize} lines, so a buffer never grows past one request.
 *
 * <p>Threads: used only on the store's writer thread.
 */
final class InfluxCommitter implements StoreWriter.Committer {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** About 230 bytes per 16-cell raw line. */
  private static final int BYTES_PER_LINE = 256;

  private final InfluxHttpWrites http;
  private final String rawRetentionPolicy;
  private final String retentionPolicy;
  private final int batchSize;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final LineBuffer rawLines;
  private final LineBuffer otherLines;

  InfluxCommitter(InfluxHttpWrites http, String rawRetentionPolicy, String retentionPolicy, int batchSize,
      int maxRetries, Duration firstBackoff) {
    this.http = http;
    this.rawRetentionPolicy = rawRetentionPolicy;
    this.retentionPolicy = retentionPolicy;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
    int capacity = (int) Math.min(64L << 20, (long) batchSize * BYTES_PER_LINE);
    this.rawLines = new LineBuffer(capacity);
    this.otherLines = new LineBuffer(4_096);
  }

  @Override
  public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) throws Exception {
    rawLines.clear();
    otherLines.clear();
    for (StoreWrite write : group) {
      if (write instanceof StoreWrite.Raw r) {
        for (RawSampleBatch batch : r.batches()) {
          InfluxPoints.raw(batch, rawLines);
          sendWhenFull(rawRetentionPolicy, rawLines, retries, dropped);
        }
      } else {
        if (write instanceof StoreWrite.Strides s) {
          s.rows().forEach(row -> InfluxPoints.stride(row, otherLines));
        } else if (write instanceof StoreWrite.Windows w) {
          w.rows().forEach(row -> InfluxPoints.window(row, otherLines));
        } else if (write instanceof StoreWrite.Balance b) {
          b.rows().forEach(row -> InfluxPoints.balance(row, otherLines));
        } else if (write instanceof StoreWrite.Alerts a) {
          a.events().forEach(row -> InfluxPoints.alert(row, otherLines));
        }
        sendWhenFull(retentionPolicy, otherLines, retries, dropped);
      }
    }
    send(rawRetentionPolicy, rawLines, retries, dropped);
    send(retentionPolicy, otherLines, retries, dropped);
  }

  /** A 4xx other than a full cache: the server refused the lines themselves (e.g. a field type conflict). */
  @Override
  public boolean isPermanent(Exception failure) {
    return failure instanceof InfluxHttpWrites.WriteException w && !w.retryWorth();
  }

  private void sendWhenFull(String rp, LineBuffer lines, AtomicLong retries, AtomicLong dropped)
      throws InfluxHttpWrites.WriteException, InterruptedException {
    if (lines.lines() >= batchSize) {
      send(rp, lines, retries, dropped);
    }
  }

  private void send(String rp, LineBuffer lines, AtomicLong retries, AtomicLong dropped)
      throws InfluxHttpWrites.WriteException, InterruptedException {
    if (lines.lines() == 0) {
      return;
    }
    Duration backoff = firstBackoff;
    for (int attempt = 0; ; attempt++) {
      try {
        // The server stores the rest of a request and drops (and counts) what its retention already expired.
        dropped.addAndGet(http.write(rp, lines));
        lines.clear();
        return;
      } catch (InfluxHttpWrites.WriteException e) {
        if (!e.retryWorth() || attempt >= maxRetries) {
          throw e;
        }
        retries.incrementAndGet();
        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }
}
