package com.plantar.gateway.api.report;

import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.internal.RangeParams;
import com.plantar.gateway.api.trends.MetricCatalog;
import com.plantar.gateway.api.wearers.WearerRoutes;
import com.plantar.gateway.registry.Intervention;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.registry.WearerRecords;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/wearers/:id/report?intervention=IID[&days=28]}: every metric, per foot, over the
 * {@code days} before the intervention's date and the {@code days} from it on ({@link Comparison}),
 * and the load distribution maps of both periods: mean regional shares of stance load per foot
 * (heel, midfoot, forefoot, toes; medial, lateral) and the left foot's share of both feet's mean
 * stride impulse (the integral of its load over stance).
 */
public final class ReportRoutes {
  private final TimeSeriesStore store;
  private final WearerRecords records;
  private final WearerAccess access;
  private final MetricCatalog catalog;
  private final Json json;

  public ReportRoutes(TimeSeriesStore store, WearerRecords records, WearerAccess access, MetricCatalog catalog,
      Json json) {
    this.store = store;
    this.records = records;
    this.access = access;
    this.catalog = catalog;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/wearers/:id/report").blockingHandler(this::report, false);
  }

  private void report(RoutingContext ctx) {
    String interventionId = ctx.request().getParam("intervention");
    if (interventionId == null || interventionId.isEmpty()) {
      throw ApiError.badRequest("missing_parameter", "\"intervention\" is required");
    }
    int days = RangeParams.intParam(ctx, "days", 28, 1, 92);
    Wearer wearer = access.open(ctx, "report");
    Intervention intervention = records.interventions(wearer.id()).stream()
        .filter(i -> Long.toString(i.id()).equals(interventionId)).findFirst()
        .orElseThrow(() -> ApiError.notFound("no intervention " + interventionId + " for this wearer"));
    long pivot = intervention.date().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long span = days * 86_400_000_000L;
    TimeRange beforeRange = new TimeRange(pivot - span, pivot);
    TimeRange afterRange = new TimeRange(pivot, pivot + span);
    List<StrideRow> before = store.readStrides(wearer.tenant(), wearer.id(), beforeRange);
    List<StrideRow> after = store.readStrides(wearer.tenant(), wearer.id(), afterRange);

    List<Map<String, Object>> metrics = new ArrayList<>();
    for (MetricCatalog.Entry entry : catalog.all()) {
      for (Side side : Side.values()) {
        Comparison c = Comparison.of(values(before, entry, side), values(after, entry, side));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", entry.name());
        m.put("label", entry.label());
        m.put("unit", entry.unit());
        m.put("side", side.name());
        m.put("before", summary(c.before()));
        m.put("after", summary(c.after()));
        m.put("difference", finite(c.difference()));
        m.put("effectSize", finite(c.hedgesG()));
        m.put("effectSizeMeasure", "Hedges' g");
        m.put("cohensD", finite(c.cohensD()));
        m.put("test", "Welch t-test");
        m.put("pValue", finite(c.welchP()));
        metrics.add(m);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("wearer", wearer.id());
    body.put("intervention", WearerRoutes.intervention(intervention));
    body.put("days", days);
    body.put("before", period(beforeRange, before));
    body.put("after", period(afterRange, after));
    body.put("metrics", metrics);
    body.put("loadMaps", Map.of("before", loadMap(before), "after", loadMap(after)));
    body.put("caveat", "Strides of one person are not independent samples: read p-values as a guide, "
        + "the effect size and the trend charts as the evidence.");
    json.send(ctx, 200, body);
  }

  private static double[] values(List<StrideRow> rows, MetricCatalog.Entry entry, Side side) {
    return rows.stream().filter(r -> r.side() == side && r.metrics().has(entry.metric()))
        .mapToDouble(r -> entry.shown(r.metrics().get(entry.metric()))).toArray();
  }

  private static Map<String, Object> period(TimeRange range, List<StrideRow> rows) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("from", Json.timeUs(range.fromUtcUs()));
    map.put("to", Json.timeUs(range.toUtcUs()));
    map.put("strides", rows.size());
    return map;
  }

  private static Map<String, Object> summary(Comparison.Summary s) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mean", finite(s.mean()));
    map.put("sd", finite(s.sd()));
    map.put("n", s.n());
    return map;
  }

  private static Map<String, Object> loadMap(List<StrideRow> rows) {
    Map<String, Object> map = new LinkedHashMap<>();
    double[] impulse = new double[2];
    for (Side side : Side.values()) {
      Map<String, Object> foot = new LinkedHashMap<>();
      foot.put("heelPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_HEEL));
      foot.put("midfootPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_MIDFOOT));
      foot.put("forefootPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_FOREFOOT));
      foot.put("toesPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_TOES));
      foot.put("medialPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_MEDIAL));
      foot.put("lateralPct", meanPct(rows, side, StrideMetric.LOAD_SHARE_LATERAL));
      foot.put("strides", rows.stream().filter(r -> r.side() == side).count());
      map.put(side.name(), foot);
      impulse[side.ordinal()] = mean(rows, side, StrideMetric.IMPULSE_N_S);
    }
    double total = impulse[0] + impulse[1];
    map.put("leftSharePct", Double.isFinite(total) && total > 0 ? 100 * impulse[0] / total : null);
    return map;
  }

  private static Double meanPct(List<StrideRow> rows, Side side, StrideMetric metric) {
    return finite(100 * mean(rows, side, metric));
  }

  private static double mean(List<StrideRow> rows, Side side, StrideMetric metric) {
    return rows.stream().filter(r -> r.side() == side && r.metrics().has(metric))
        .mapToDouble(r -> r.metrics().get(metric)).average().orElse(Double.NaN);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
