package com.plantar.gateway.store.questdb;

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
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL reads. Every read takes its own execution context (bind variables live there), so reads are
 * safe from any thread, concurrently with the writer thread. Identifiers are always bound, never
 * spliced into the SQL text.
 */
final class QuestDbReads implements StoreReads {
  private static final String RANGE = " AND ts >= $3 AND ts < $4";

  private final CairoEngine samples;
  private final CairoEngine results;

  /**
   * @param samples the engine of the raw samples
   * @param results the engine of strides, summaries, balance and alerts
   */
  QuestDbReads(CairoEngine samples, CairoEngine results) {
    this.samples = samples;
    this.results = results;
  }

  /**
   * The rows that may hold a sample in {@code range} (a row's samples share its first one's second),
   * unpacked, and their samples in range, ordered by time.
   */
  @Override
  public List<RawSample> raw(String tenant, String device, TimeRange range) {
    List<RawSample> found = new ArrayList<>();
    String sql = "SELECT ts, wearer, device, side, time_quality, samples, cells, data FROM " + QuestDbSchema.RAW
        + " WHERE tenant = $1 AND device = $2" + RANGE + " ORDER BY ts";
    forEachRow(samples, sql, tenant, device, widenedBySpan(range), (r, md) -> RawFrameBlob.decode(
        r.getBin(md.getColumnIndex("data")), r.getTimestamp(md.getColumnIndex("ts")),
        r.getShort(md.getColumnIndex("samples")), r.getShort(md.getColumnIndex("cells")), sym(r, md, "wearer"),
        sym(r, md, "device"), Side.valueOf(sym(r, md, "side")), TimeQuality.fromLabel(sym(r, md, "time_quality")),
        range, found));
    found.sort(Comparator.comparingLong(RawSample::timeUtcUs));
    return found;
  }

  /** {@code range} widened on both sides by how far a row's samples may lie from its {@code ts}. */
  private static TimeRange widenedBySpan(TimeRange range) {
    long span = RawFrameBlob.MAX_SPAN_US;
    long from = range.fromUtcUs() < Long.MIN_VALUE + span ? Long.MIN_VALUE : range.fromUtcUs() - span;
    long to = range.toUtcUs() > Long.MAX_VALUE - span ? Long.MAX_VALUE : range.toUtcUs() + span;
    return new TimeRange(from, to);
  }

  @Override
  public List<StrideRow> strides(String tenant, String wearer, TimeRange range) {
    return query(results, "SELECT * FROM " + QuestDbSchema.STRIDES + " WHERE tenant = $1 AND wearer = $2" + RANGE
        + " ORDER BY ts, device", tenant, wearer, range, (r, md) -> {
          Map<StrideMetric, Double> metrics = new EnumMap<>(StrideMetric.class);
          for (StrideMetric m : StrideMetric.values()) {
            double v = r.getDouble(md.getColumnIndex(m.column()));
            if (!Double.isNaN(v)) {
              metrics.put(m, v);
            }
          }
          return new StrideRow(sym(r, md, "tenant"), sym(r, md, "wearer"), sym(r, md, "device"),
              Side.valueOf(sym(r, md, "side")), r.getTimestamp(md.getColumnIndex("ts")),
              r.getTimestamp(md.getColumnIndex("toe_off")), r.getTimestamp(md.getColumnIndex("next_initial_contact")),
              StrideMetrics.of(metrics));
        });
  }

  @Override
  public List<WindowSummaryRow> windows(String tenant, String wearer, TimeRange range) {
    return query(results, "SELECT * FROM " + QuestDbSchema.WINDOWS + " WHERE tenant = $1 AND wearer = $2" + RANGE
        + " ORDER BY ts, kind", tenant, wearer, range, (r, md) -> new WindowSummaryRow(sym(r, md, "tenant"),
            sym(r, md, "wearer"), SummaryKind.fromLabel(sym(r, md, "kind")), r.getTimestamp(md.getColumnIndex("ts")),
            r.getTimestamp(md.getColumnIndex("window_end")), r.getInt(md.getColumnIndex("steps")),
            dbl(r, md, "cadence_steps_per_min"), dbl(r, md, "load_share_left"), dbl(r, md, "load_share_right"),
            dbl(r, md, "symmetry_index_stride_time_pct"), dbl(r, md, "symmetry_index_stance_time_pct"),
            dbl(r, md, "symmetry_index_peak_force_pct"), dbl(r, md, "stride_time_cv_pct")));
  }

  @Override
  public List<BalanceRow> balance(String tenant, String wearer, TimeRange range) {
    return query(results, "SELECT * FROM " + QuestDbSchema.BALANCE + " WHERE tenant = $1 AND wearer = $2" + RANGE
        + " ORDER BY ts", tenant, wearer, range, (r, md) -> new BalanceRow(sym(r, md, "tenant"), sym(r, md, "wearer"),
            r.getTimestamp(md.getColumnIndex("ts")), r.getTimestamp(md.getColumnIndex("window_end")),
            dbl(r, md, "cop_path_length_mm"), dbl(r, md, "sway_area_mm2"), dbl(r, md, "cop_ml_range_mm"),
            dbl(r, md, "cop_ap_range_mm"), dbl(r, md, "cop_mean_velocity_mm_per_s"), dbl(r, md, "load_share_left")));
  }

  @Override
  public List<AlertEvent> alerts(String tenant, String wearer, TimeRange range) {
    return query(results, "SELECT * FROM " + QuestDbSchema.ALERTS + " WHERE tenant = $1 AND wearer = $2" + RANGE
        + " ORDER BY ts, type", tenant, wearer, range, (r, md) -> new AlertEvent(sym(r, md, "tenant"),
            sym(r, md, "wearer"), Optional.ofNullable(sym(r, md, "device")), r.getTimestamp(md.getColumnIndex("ts")),
            sym(r, md, "type"), AlertSeverity.fromLabel(sym(r, md, "severity")), dbl(r, md, "value"),
            dbl(r, md, "threshold"), r.getStrA(md.getColumnIndex("message")).toString()));
  }

  @Override
  public List<TrendPoint> strideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range) {
    String unit = bucket == TrendBucket.DAY ? "d" : "w";
    String m = metric.column();
    return query(results, "SELECT timestamp_floor('" + unit + "', ts) bucket, side, count(" + m + ") n, "
        + "avg(" + m + ") mean, stddev_samp(" + m + ") sd FROM " + QuestDbSchema.STRIDES + " WHERE tenant = $1 AND wearer = $2" + RANGE
        + " AND " + m + " IS NOT NULL GROUP BY bucket, side ORDER BY bucket, side", tenant, wearer, range,
        (r, md) -> {
          long n = r.getLong(2);
          return new TrendPoint(r.getTimestamp(0), Side.valueOf(r.getSymA(1).toString()), n, r.getDouble(3),
              n < 2 ? Double.NaN : r.getDouble(4));
        });
  }

  private interface RowMapper<T> {
    T map(Record record, RecordMetadata metadata);
  }

  private interface RowConsumer {
    void accept(Record record, RecordMetadata metadata);
  }

  private static <T> List<T> query(CairoEngine engine, String sql, String key1, String key2, TimeRange range,
      RowMapper<T> mapper) {
    List<T> rows = new ArrayList<>();
    forEachRow(engine, sql, key1, key2, range, (r, md) -> rows.add(mapper.map(r, md)));
    return rows;
  }

  private static void forEachRow(CairoEngine engine, String sql, String key1, String key2, TimeRange range,
      RowConsumer consumer) {
    BindVariableService binds = new BindVariableServiceImpl(engine.getConfiguration());
    try (SqlExecutionContextImpl ctx = new SqlExecutionContextImpl(engine, 1)
        .with(AllowAllSecurityContext.INSTANCE, binds)) {
      binds.setStr(0, key1);
      binds.setStr(1, key2);
      binds.setTimestamp(2, range.fromUtcUs());
      binds.setTimestamp(3, range.toUtcUs());
      try (RecordCursorFactory factory = engine.select(sql, ctx); RecordCursor cursor = factory.getCursor(ctx)) {
        RecordMetadata md = factory.getMetadata();
        Record record = cursor.getRecord();
        while (cursor.hasNext()) {
          consumer.accept(record, md);
        }
      }
    } catch (SqlException | RuntimeException e) {
      throw new StoreException(StoreException.Reason.READ_FAILED, "QuestDB query failed: " + e.getMessage(), e);
    }
  }

  private static String sym(Record r, RecordMetadata md, String column) {
    CharSequence value = r.getSymA(md.getColumnIndex(column));
    return value == null ? null : value.toString();
  }

  private static double dbl(Record r, RecordMetadata md, String column) {
    return r.getDouble(md.getColumnIndex(column));
  }
}
