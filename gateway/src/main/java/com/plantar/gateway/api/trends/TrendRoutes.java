package com.plantar.gateway.api.trends;

import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.internal.RangeParams;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.SummaryKind;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trends, walking bouts and per-stride rows of a wearer, read from the {@link TimeSeriesStore} on a
 * worker thread: {@code GET /api/metrics}, {@code /api/wearers/:id/trends|bouts|strides}. Strides come
 * as JSON or as CSV whose header names the unit of every column.
 */
public final class TrendRoutes {
  /** Trends are aggregated by the store; two years of daily buckets is still a small answer. */
  private static final Duration TREND_MAX = Duration.ofDays(731);
  /** Per-stride rows are ~600 a walking hour; 92 days of a very active wearer stays in the tens of MB. */
  private static final Duration ROWS_MAX = Duration.ofDays(92);

  private final TimeSeriesStore store;
  private final WearerAccess access;
  private final MetricCatalog catalog;
  private final RangeParams ranges;
  private final Json json;

  public TrendRoutes(TimeSeriesStore store, WearerAccess access, MetricCatalog catalog, RangeParams ranges, Json json) {
    this.store = store;
    this.access = access;
    this.catalog = catalog;
    this.ranges = ranges;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/metrics").handler(this::metrics);
    router.get("/api/wearers/:id/trends").blockingHandler(this::trends, false);
    router.get("/api/wearers/:id/bouts").blockingHandler(this::bouts, false);
    router.get("/api/wearers/:id/strides").blockingHandler(this::strides, false);
  }

  private void metrics(RoutingContext ctx) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (MetricCatalog.Entry entry : catalog.all()) {
      list.add(Map.of("name", entry.name(), "label", entry.label(), "unit", entry.unit()));
    }
    json.send(ctx, 200, list);
  }

  private void trends(RoutingContext ctx) {
    MetricCatalog.Entry metric = catalog.byName(ctx.request().getParam("metric"));
    TrendBucket bucket = bucket(ctx.request().getParam("bucket"));
    TimeRange range = ranges.range(ctx, Duration.ofDays(bucket == TrendBucket.DAY ? 28 : 182), TREND_MAX);
    Wearer wearer = access.open(ctx, "trends");
    List<TrendPoint> points = store.readStrideTrend(wearer.tenant(), wearer.id(), metric.metric(), bucket, range);
    Map<Side, List<Map<String, Object>>> bySide = new LinkedHashMap<>();
    bySide.put(Side.L, new ArrayList<>());
    bySide.put(Side.R, new ArrayList<>());
    for (TrendPoint p : points) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("t", Json.timeUs(p.bucketStartUtcUs()));
      point.put("mean", finite(metric.shown(p.mean())));
      point.put("sd", finite(metric.shown(p.standardDeviation())));
      point.put("n", p.count());
      bySide.get(p.side()).add(point);
    }
    List<Map<String, Object>> series = new ArrayList<>();
    bySide.forEach((side, list) -> series.add(Map.of("side", side.name(), "points", list)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metric", metric.name());
    body.put("label", metric.label());
    body.put("unit", metric.unit());
    body.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
    body.put("from", Json.timeUs(range.fromUtcUs()));
    body.put("to", Json.timeUs(range.toUtcUs()));
    body.put("series", series);
    json.send(ctx, 200, body);
  }

  private void bouts(RoutingContext ctx) {
    TimeRange range = ranges.range(ctx, Duration.ofDays(7), ROWS_MAX);
    Wearer wearer = access.open(ctx, "bouts");
    List<Map<String, Object>> bouts = new ArrayList<>();
    for (WindowSummaryRow row : store.readWindowSummaries(wearer.tenant(), wearer.id(), range)) {
      if (row.kind() == SummaryKind.BOUT) {
        Map<String, Object> bout = new LinkedHashMap<>();
        bout.put("start", Json.timeUs(row.startUtcUs()));
        bout.put("end", Json.timeUs(row.endUtcUs()));
        bout.put("steps", row.steps());
        bout.put("cadenceStepsPerMin", finite(row.cadenceStepsPerMin()));
        bouts.add(bout);
      }
    }
    json.send(ctx, 200, bouts);
  }

  private void strides(RoutingContext ctx) {
    String format = ctx.request().getParam("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw ApiError.badRequest("bad_parameter", "\"format\" must be json or csv");
    }
    TimeRange range = ranges.range(ctx, Duration.ofDays(1), ROWS_MAX);
    Wearer wearer = access.open(ctx, "strides." + format);
    List<StrideRow> rows = store.readStrides(wearer.tenant(), wearer.id(), range);
    if (format.equals("csv")) {
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"" + wearer.id() + "-strides.csv\"")
          .putHeader("Cache-Control", "no-store")
          .end(StrideCsv.render(rows, catalog));
      return;
    }
    List<Map<String, Object>> list = new ArrayList<>(rows.size());
    for (StrideRow row : rows) {
      Map<String, Object> stride = new LinkedHashMap<>();
      stride.put("side", row.side().name());
      stride.put("device", row.device());
      stride.put("initialContact", Json.timeUs(row.initialContactUtcUs()));
      stride.put("toeOff", Json.timeUs(row.toeOffUtcUs()));
      stride.put("nextInitialContact", Json.timeUs(row.nextInitialContactUtcUs()));
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (MetricCatalog.Entry entry : catalog.all()) {
        if (row.metrics().has(entry.metric())) {
          metrics.put(entry.name(), entry.shown(row.metrics().get(entry.metric())));
        }
      }
      stride.put("metrics", metrics);
      list.add(stride);
    }
    json.send(ctx, 200, list);
  }

  private static TrendBucket bucket(String text) {
    if (text == null || text.equals("day")) {
      return TrendBucket.DAY;
    }
    if (text.equals("week")) {
      return TrendBucket.WEEK;
    }
    throw ApiError.badRequest("bad_parameter", "\"bucket\" must be day or week");
  }

  /** JSON has no NaN: a value that could not be computed is null. */
  static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
