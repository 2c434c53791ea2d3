package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

/**
 * Turns a group of writes into synchronous {@code /write} requests of at most {@code batchSize}
 * points (µs precision), one retention policy each, retrying failures that are worth it (I/O errors,
 * 5xx, a full cache) with exponential backoff. Not influxdb-java's {@code BatchOptions}: its close
 * does not wait for an in-flight flush, and the gateway must know when points are stored.
 *
 * <p>Threads: used only on the store's writer thread (the InfluxDB client itself is thread-safe).
 */
final class InfluxCommitter implements StoreWriter.Committer {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

  private final InfluxDB db;
  private final String database;
  private final String rawRetentionPolicy;
  private final String retentionPolicy;
  private final int batchSize;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final List<Point> rawPoints = new ArrayList<>();
  private final List<Point> otherPoints = new ArrayList<>();

  InfluxCommitter(InfluxDB db, String database, String rawRetentionPolicy, String retentionPolicy, int batchSize,
      int maxRetries, Duration firstBackoff) {
    this.db = db;
    this.database = database;
    this.rawRetentionPolicy = rawRetentionPolicy;
    this.retentionPolicy = retentionPolicy;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public void commit(List<StoreWrite> group, AtomicLong retries, AtomicLong dropped) throws InterruptedException {
    rawPoints.clear();
    otherPoints.clear();
    for (StoreWrite write : group) {
      if (write instanceof StoreWrite.Raw r) {
        InfluxPoints.raw(r.batch(), rawPoints);
      } else if (write instanceof StoreWrite.Strides s) {
        s.rows().forEach(row -> otherPoints.add(InfluxPoints.stride(row)));
      } else if (write instanceof StoreWrite.Windows w) {
        w.rows().forEach(row -> otherPoints.add(InfluxPoints.window(row)));
      } else if (write instanceof StoreWrite.Balance b) {
        b.rows().forEach(row -> otherPoints.add(InfluxPoints.balance(row)));
      } else if (write instanceof StoreWrite.Alerts a) {
        a.events().forEach(row -> otherPoints.add(InfluxPoints.alert(row)));
      }
    }
    writeInChunks(rawRetentionPolicy, rawPoints, retries, dropped);
    writeInChunks(retentionPolicy, otherPoints, retries, dropped);
  }

  private void writeInChunks(String rp, List<Point> points, AtomicLong retries, AtomicLong dropped)
      throws InterruptedException {
    for (int from = 0; from < points.size(); from += batchSize) {
      BatchPoints.Builder batch = BatchPoints.database(database).precision(TimeUnit.MICROSECONDS);
      if (!rp.isEmpty()) {
        batch.retentionPolicy(rp);
      }
      BatchPoints request = batch.points(points.subList(from, Math.min(points.size(), from + batchSize))).build();
      try {
        writeWithRetries(request, retries);
      } catch (InfluxDBException.PointsBeyondRetentionPolicyException e) {
        // The server stored the rest of the batch and dropped what its retention already expired.
        dropped.addAndGet(droppedCount(e, request.getPoints().size()));
      }
    }
  }

  private static long droppedCount(InfluxDBException e, int batchPoints) {
    Matcher m = DROPPED.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Long.parseLong(m.group(1)) : batchPoints;
  }

  private void writeWithRetries(BatchPoints request, AtomicLong retries) throws InterruptedException {
    Duration backoff = firstBackoff;
    for (int attempt = 0; ; attempt++) {
      try {
        db.write(request);
        return;
      } catch (InfluxDBException e) {
        if (!e.isRetryWorth() || attempt >= maxRetries) {
          throw e;
        }
        retries.incrementAndGet();
        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }
}
