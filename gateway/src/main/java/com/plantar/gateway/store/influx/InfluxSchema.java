package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.StoreConfig;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * InfluxDB 1.x set-up, when the config asks for it: the database, a raw retention policy, a 1 s
 * aggregate retention policy with a continuous query filling it from the raw samples, and the
 * long-lived policy for everything else. 2.x and 3.x have no such DDL over the v1 API (buckets and
 * their retention are set up with their own tools; see STORAGE.md), so there everything is written
 * into the configured policy.
 */
final class InfluxSchema {
  static final String RAW_RP = "plantar_raw";
  static final String AGGREGATE_RP = "plantar_1s";
  static final String RAW_1S = "raw_samples_1s";
  static final String DOWNSAMPLE_CQ = "plantar_raw_1s";

  private InfluxSchema() {}

  static void create(InfluxDB db, StoreConfig config) {
    String d = quote(config.database());
    ddl(db, "CREATE DATABASE " + d);
    retentionPolicy(db, d, RAW_RP, config.rawRetentionDays() + "d");
    retentionPolicy(db, d, AGGREGATE_RP, config.aggregateRetentionDays() + "d");
    String rp = config.retentionPolicy();
    if (!rp.isEmpty() && !rp.equals("autogen")) {
      retentionPolicy(db, d, rp, "INF");
    }
    // CREATE fails if a query of that name exists: replace it, so a changed definition takes effect.
    execute(db, "DROP CONTINUOUS QUERY " + quote(DOWNSAMPLE_CQ) + " ON " + d);
    ddl(db, "CREATE CONTINUOUS QUERY " + quote(DOWNSAMPLE_CQ) + " ON " + d + " BEGIN "
        + downsampleSelect(config.database(), "") + " END");
  }

  /**
   * The continuous query's body: per-second means of every raw field, per series, into the 1 s
   * policy. {@code timeCondition} (e.g. {@code WHERE time >= …}) turns it into a back-fill query.
   */
  static String downsampleSelect(String database, String timeCondition) {
    String d = quote(database);
    return "SELECT mean(*) INTO " + d + "." + quote(AGGREGATE_RP) + "." + quote(RAW_1S) + " FROM " + d + "."
        + quote(RAW_RP) + "." + quote(InfluxPoints.RAW) + (timeCondition.isEmpty() ? "" : " " + timeCondition)
        + " GROUP BY time(1s), *";
  }

  private static void retentionPolicy(InfluxDB db, String database, String name, String duration) {
    String attributes = " ON " + database + " DURATION " + duration + " REPLICATION 1";
    // CREATE fails on an existing policy with other attributes; ALTER then brings it to the config.
    if (execute(db, "CREATE RETENTION POLICY " + quote(name) + attributes) != null) {
      ddl(db, "ALTER RETENTION POLICY " + quote(name) + attributes);
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void ddl(InfluxDB db, String statement) {
    String error = execute(db, statement);
    if (error != null) {
      throw new IllegalStateException("InfluxDB refused `" + statement + "`: " + error);
    }
  }

  /** Runs one statement; returns its error, or null. */
  private static String execute(InfluxDB db, String statement) {
    QueryResult result = db.query(new Query(statement));
    if (result.getError() != null) {
      return result.getError();
    }
    for (QueryResult.Result r : result.getResults()) {
      if (r.getError() != null) {
        return r.getError();
      }
    }
    return null;
  }
}
