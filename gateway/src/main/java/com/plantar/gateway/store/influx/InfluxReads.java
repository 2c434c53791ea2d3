package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.internal.StoreReads;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.AlertSeverity;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.SummaryKind;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * InfluxQL reads over {@code /query}, within the subset 1.x, 2.x and 3.x all run ({@code SELECT …
 * WHERE time … GROUP BY time(), tag}). Identifiers are bound parameters; times are integer
 * nanosecond literals. Timestamps come back as epoch µs. Safe from any thread.
 */
final class InfluxReads implements StoreReads {
  private final InfluxDB db;
  private final String database;
  private final String rawFrom;
  private final String rp;

  InfluxReads(InfluxDB db, String database, String rawRetentionPolicy, String retentionPolicy) {
    this.db = db;
    this.database = database;
    this.rawFrom = from(rawRetentionPolicy, InfluxPoints.RAW);
    this.rp = retentionPolicy;
  }

  @Override
  public List<RawSample> raw(String tenant, String device, TimeRange range) {
    return select("SELECT * FROM " + rawFrom + " WHERE tenant = $k1 AND device = $k2" + time(range), tenant, device,
        row -> {
          int cells = row.integer("cells");
          int[] values = new int[cells];
          for (int c = 0; c < cells; c++) {
            values[c] = row.integer(InfluxPoints.cellField(c));
          }
          return new RawSample(row.time(), row.string("wearer"), row.string("device"), Side.valueOf(row.string("side")),
              TimeQuality.fromLabel(row.string("time_quality")), values);
        });
  }

  @Override
  public List<StrideRow> strides(String tenant, String wearer, TimeRange range) {
    List<StrideRow> rows = select("SELECT * FROM " + from(rp, InfluxPoints.STRIDES)
        + " WHERE tenant = $k1 AND wearer = $k2" + time(range), tenant, wearer, row -> {
          Map<StrideMetric, Double> metrics = new EnumMap<>(StrideMetric.class);
          for (StrideMetric m : StrideMetric.values()) {
            double v = row.number(m.column());
            if (!Double.isNaN(v)) {
              metrics.put(m, v);
            }
          }
          return new StrideRow(row.string("tenant"), row.string("wearer"), row.string("device"),
              Side.valueOf(row.string("side")), row.time(), (long) row.number("toe_off_utc_us"),
              (long) row.number("next_initial_contact_utc_us"), StrideMetrics.of(metrics));
        });
    rows.sort(Comparator.comparingLong(StrideRow::initialContactUtcUs).thenComparing(StrideRow::device));
    return rows;
  }

  @Override
  public List<WindowSummaryRow> windows(String tenant, String wearer, TimeRange range) {
    List<WindowSummaryRow> rows = select("SELECT * FROM " + from(rp, InfluxPoints.WINDOWS)
        + " WHERE tenant = $k1 AND wearer = $k2" + time(range), tenant, wearer, row -> new WindowSummaryRow(
            row.string("tenant"), row.string("wearer"), SummaryKind.fromLabel(row.string("kind")), row.time(),
            (long) row.number("window_end_utc_us"), row.integer("steps"), row.number("cadence_steps_per_min"),
            row.number("load_share_left"), row.number("load_share_right"),
            row.number("symmetry_index_stride_time_pct"), row.number("symmetry_index_stance_time_pct"),
            row.number("symmetry_index_peak_force_pct"), row.number("stride_time_cv_pct")));
    rows.sort(Comparator.comparingLong(WindowSummaryRow::startUtcUs).thenComparing(r -> r.kind().label()));
    return rows;
  }

  @Override
  public List<BalanceRow> balance(String tenant, String wearer, TimeRange range) {
    return select("SELECT * FROM " + from(rp, InfluxPoints.BALANCE) + " WHERE tenant = $k1 AND wearer = $k2"
        + time(range), tenant, wearer, row -> new BalanceRow(row.string("tenant"), row.string("wearer"), row.time(),
            (long) row.number("window_end_utc_us"), row.number("cop_path_length_mm"), row.number("sway_area_mm2"),
            row.number("cop_ml_range_mm"), row.number("cop_ap_range_mm"), row.number("cop_mean_velocity_mm_per_s"),
            row.number("load_share_left")));
  }

  @Override
  public List<AlertEvent> alerts(String tenant, String wearer, TimeRange range) {
    List<AlertEvent> rows = select("SELECT * FROM " + from(rp, InfluxPoints.ALERTS)
        + " WHERE tenant = $k1 AND wearer = $k2" + time(range), tenant, wearer, row -> new AlertEvent(
            row.string("tenant"), row.string("wearer"), Optional.ofNullable(row.string("device")), row.time(),
            row.string("type"), AlertSeverity.fromLabel(row.string("severity")), row.number("value"),
            row.number("threshold"), row.string("message")));
    rows.sort(Comparator.comparingLong(AlertEvent::timeUtcUs).thenComparing(AlertEvent::type));
    return rows;
  }

  @Override
  public List<TrendPoint> strideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range) {
    String m = InfluxSchema.quote(metric.column());
    // 1970-01-01 was a Thursday: offset the 7-day buckets by 4 days so that weeks start on Monday.
    String interval = bucket == TrendBucket.DAY ? "1d" : "7d, 4d";
    List<TrendPoint> points = select("SELECT count(" + m + ") AS n, mean(" + m + ") AS mu, stddev(" + m
        + ") AS sd FROM " + from(rp, InfluxPoints.STRIDES) + " WHERE tenant = $k1 AND wearer = $k2" + time(range)
        + " GROUP BY time(" + interval + "), side fill(none)", tenant, wearer, row -> {
          long n = (long) row.number("n");
          return new TrendPoint(row.time(), Side.valueOf(row.string("side")), n, row.number("mu"),
              n < 2 ? Double.NaN : row.number("sd"));
        });
    points.sort(Comparator.comparingLong(TrendPoint::bucketStartUtcUs).thenComparing(TrendPoint::side));
    return points;
  }

  private static String from(String retentionPolicy, String measurement) {
    return retentionPolicy.isEmpty() ? InfluxSchema.quote(measurement)
        : InfluxSchema.quote(retentionPolicy) + "." + InfluxSchema.quote(measurement);
  }

  private static String time(TimeRange range) {
    return " AND time >= " + Math.multiplyExact(range.fromUtcUs(), 1000L) + " AND time < "
        + Math.multiplyExact(range.toUtcUs(), 1000L);
  }

  /** One result row by column name; series tags are visible as columns too. */
  private static final class Row {
    private final Map<String, Integer> columns;
    private final Map<String, String> tags;
    private List<Object> values;

    Row(List<String> columnNames, Map<String, String> tags) {
      this.columns = new HashMap<>();
      for (int i = 0; i < columnNames.size(); i++) {
        columns.put(columnNames.get(i), i);
      }
      this.tags = tags == null ? Map.of() : tags;
    }

    long time() {
      return (long) number("time");
    }

    String string(String column) {
      Integer i = columns.get(column);
      if (i == null) {
        return tags.get(column);
      }
      Object v = values.get(i);
      return v == null ? null : v.toString();
    }

    /** A numeric column; NaN when the point has no such field. */
    double number(String column) {
      Integer i = columns.get(column);
      Object v = i == null ? null : values.get(i);
      return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    int integer(String column) {
      double v = number(column);
      if (Double.isNaN(v)) {
        throw new IllegalStateException("InfluxDB row has no integer field " + column);
      }
      return (int) v;
    }
  }

  private <T> List<T> select(String influxQl, String key1, String key2, Function<Row, T> mapper) {
    QueryResult result;
    try {
      result = db.query(BoundParameterQuery.QueryBuilder.newQuery(influxQl).forDatabase(database)
          .bind("k1", key1).bind("k2", key2).create(), TimeUnit.MICROSECONDS);
    } catch (InfluxDBException e) {
      throw new StoreException(StoreException.Reason.READ_FAILED, "InfluxDB query failed: " + e.getMessage(), e);
    }
    if (result.getError() != null) {
      throw new StoreException(StoreException.Reason.READ_FAILED, "InfluxDB: " + result.getError());
    }
    List<T> rows = new ArrayList<>();
    for (QueryResult.Result r : result.getResults()) {
      if (r.getError() != null) {
        throw new StoreException(StoreException.Reason.READ_FAILED, "InfluxDB: " + r.getError());
      }
      if (r.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series series : r.getSeries()) {
        Row row = new Row(series.getColumns(), series.getTags());
        for (List<Object> values : series.getValues()) {
          row.values = values;
          rows.add(mapper.apply(row));
        }
      }
    }
    return rows;
  }
}
