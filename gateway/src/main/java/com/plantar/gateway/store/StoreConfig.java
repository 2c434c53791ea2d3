package com.plantar.gateway.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open a {@link TimeSeriesStore}. Immutable; build with {@link #questDb} or {@link #influxDb}
 * and adjust with the {@code with…} methods.
 *
 * @param kind which adapter
 * @param dataDirectory QuestDB: the directory the embedded database lives in (inside the gateway's
 *     data directory); unused for InfluxDB
 * @param influxUrl InfluxDB base URL, e.g. {@code http://127.0.0.1:8086}
 * @param database InfluxDB database (1.x), or the DBRP-mapped bucket name (2.x) / database (3.x)
 * @param retentionPolicy InfluxDB retention policy for strides, summaries, balance and alerts; empty
 *     means the server's default (the only choice on 3.x)
 * @param user InfluxDB user for Basic auth (1.x users, 2.x v1 authorizations); empty for none
 * @param password password that goes with {@code user}
 * @param token InfluxDB 2.x/3.x API token, sent as {@code Authorization: Token …}; empty for none.
 *     Either a user or a token, not both
 * @param manageInfluxSchema InfluxDB 1.x only: create the database, the raw and 1 s retention
 *     policies and the downsampling continuous query at open (2.x/3.x manage buckets themselves)
 * @param batchSize most rows one commit (QuestDB) or one {@code /write} (InfluxDB) carries
 * @param queueCapacity most write calls waiting for the writer thread; more are refused
 * @param rawRetentionDays raw samples older than this are dropped (QuestDB TTL; InfluxDB raw RP)
 * @param aggregateRetentionDays how long 1 s aggregates of raw samples are kept (QuestDB: TTL of
 *     the {@code raw_samples_1s} materialized view; InfluxDB 1.x: the 1 s RP its continuous query fills)
 * @param maxRetries InfluxDB: how many times a failed {@code /write} is retried, with exponential
 *     backoff from {@code retryBackoff}, before its rows fail
 * @param retryBackoff first retry delay; doubled each time, at most 30 s
 */
public record StoreConfig(StoreKind kind, Path dataDirectory, URI influxUrl, String database,
    String retentionPolicy, String user, String password, String token, boolean manageInfluxSchema,
    int batchSize, int queueCapacity, int rawRetentionDays, int aggregateRetentionDays, int maxRetries,
    Duration retryBackoff) {
  public StoreConfig {
    SeriesIds.nonNull("store kind", kind);
    SeriesIds.nonNull("retention policy", retentionPolicy);
    SeriesIds.nonNull("user", user);
    SeriesIds.nonNull("password", password);
    SeriesIds.nonNull("token", token);
    SeriesIds.nonNull("retry backoff", retryBackoff);
    if (kind == StoreKind.QUESTDB) {
      SeriesIds.nonNull("data directory", dataDirectory);
    } else {
      SeriesIds.nonNull("InfluxDB URL", influxUrl);
      // Free text (2.x buckets may be named "db/rp"): always quoted or passed as a parameter.
      requirePrintable("InfluxDB database", database, false);
      requirePrintable("InfluxDB retention policy", retentionPolicy, true);
    }
    if (!user.isEmpty() && !token.isEmpty()) {
      throw new IllegalArgumentException("InfluxDB: give a user/password or a token, not both");
    }
    if (batchSize < 1 || queueCapacity < 1 || rawRetentionDays < 1 || aggregateRetentionDays < 1
        || maxRetries < 0 || retryBackoff.isNegative()) {
      throw new IllegalArgumentException("store: batch size, queue capacity and retention days ≥ 1, "
          + "retries and backoff ≥ 0");
    }
  }

  private static void requirePrintable(String what, String value, boolean mayBeEmpty) {
    if (value == null || (value.isEmpty() && !mayBeEmpty) || value.length() > 255
        || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(what + " must be 1..255 printable characters: " + value);
    }
  }

  /** The default: QuestDB embedded in {@code dataDirectory}, raw samples kept 30 days. */
  public static StoreConfig questDb(Path dataDirectory) {
    return new StoreConfig(StoreKind.QUESTDB, dataDirectory, null, null, "", "", "", "", false, 10_000, 4_096,
        30, 365, 0, Duration.ZERO);
  }

  /** InfluxDB at {@code url}, database {@code database}, no credentials, server-default RP. */
  public static StoreConfig influxDb(URI url, String database) {
    return new StoreConfig(StoreKind.INFLUXDB, null, url, database, "", "", "", "", false, 5_000, 4_096, 30, 365,
        5, Duration.ofMillis(200));
  }

  public StoreConfig withBasicAuth(String newUser, String newPassword) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, retentionPolicy, newUser, newPassword, "",
        manageInfluxSchema, batchSize, queueCapacity, rawRetentionDays, aggregateRetentionDays, maxRetries,
        retryBackoff);
  }

  public StoreConfig withToken(String newToken) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, retentionPolicy, "", "", newToken,
        manageInfluxSchema, batchSize, queueCapacity, rawRetentionDays, aggregateRetentionDays, maxRetries,
        retryBackoff);
  }

  /** InfluxDB 1.x: create the database, retention policies and downsampling, with RP {@code rp}. */
  public StoreConfig withManagedInfluxSchema(String rp) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, rp, user, password, token, true, batchSize,
        queueCapacity, rawRetentionDays, aggregateRetentionDays, maxRetries, retryBackoff);
  }

  public StoreConfig withQueue(int newBatchSize, int newQueueCapacity) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, retentionPolicy, user, password, token,
        manageInfluxSchema, newBatchSize, newQueueCapacity, rawRetentionDays, aggregateRetentionDays, maxRetries,
        retryBackoff);
  }

  public StoreConfig withRetention(int newRawDays, int newAggregateDays) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, retentionPolicy, user, password, token,
        manageInfluxSchema, batchSize, queueCapacity, newRawDays, newAggregateDays, maxRetries, retryBackoff);
  }

  public StoreConfig withRetries(int newMaxRetries, Duration newBackoff) {
    return new StoreConfig(kind, dataDirectory, influxUrl, database, retentionPolicy, user, password, token,
        manageInfluxSchema, batchSize, queueCapacity, rawRetentionDays, aggregateRetentionDays, newMaxRetries,
        newBackoff);
  }

  @Override
  public String toString() {
    // Never print secrets: configs end up in logs.
    return "StoreConfig[" + kind + (kind == StoreKind.QUESTDB ? " " + dataDirectory
        : " " + influxUrl + " db=" + database + " rp=" + retentionPolicy + " auth="
            + (!token.isEmpty() ? "token" : !user.isEmpty() ? "basic(" + user + ")" : "none"))
        + " batch=" + batchSize + " queue=" + queueCapacity + " raw=" + rawRetentionDays + "d]";
  }
}
