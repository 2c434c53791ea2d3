package com.plantar.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.AlertSeverity;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.InfluxdProcess;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.SummaryKind;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every InfluxQL query of the gait dashboard (panels and template variables), with Grafana's
 * variables substituted, run against a real {@code influxd} holding three weeks of one wearer's gait
 * written by the store's InfluxDB adapter, with the database and retention policy the compose file
 * gives the gateway.
 */
class GaitDashboardQueriesTest {
  private static final String TENANT = "acme";
  private static final String WEARER = "w-17";
  private static final String OTHER_TENANT = "beta";
  private static final long DAY_US = 86_400_000_000L;
  /** A Monday, so that the weekly panel's ISO weeks start on the first day written. */
  private static final long START_US = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli() * 1000;
  private static final int DAYS = 21;
  private static final int WINDOWS_PER_DAY = 12;
  private static final int STRIDES_PER_WINDOW = 5;
  private static final TimeRange RANGE = new TimeRange(START_US - DAY_US, START_US + (DAYS + 1) * DAY_US);
  private static final Map<String, String> VARIABLES = Map.of(
      "$timeFilter", "time >= " + RANGE.fromUtcUs() / 1000 + "ms and time <= " + RANGE.toUtcUs() / 1000 + "ms",
      "$__interval", "1h",
      "$tenant", TENANT,
      "$wearer", WEARER);

  @TempDir static Path directory;
  private static InfluxdProcess influxd;
  private static TimeSeriesStore store;
  private static String database;
  private static long stepsWritten;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void writeThreeWeeksOfGait() throws Exception {
    Map<String, String> gateway = new TreeMap<>();
    DeployFiles.compose().path("services").path("gateway").path("environment").fields()
        .forEachRemaining(e -> gateway.put(e.getKey(), DeployFiles.interpolateDefaults(e.getValue().asText())));
    database = gateway.get("PLANTAR_STORE_DATABASE");
    influxd = InfluxdProcess.start(directory);
    store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), database)
        .withManagedInfluxSchema(gateway.get("PLANTAR_STORE_RETENTION_POLICY")));
    Random random = new Random(17);
    List<StrideRow> strides = new ArrayList<>();
    List<WindowSummaryRow> windows = new ArrayList<>();
    List<BalanceRow> balance = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      for (int w = 0; w < WINDOWS_PER_DAY; w++) {
        long windowStart = START_US + day * DAY_US + (8 + w) * 3_600_000_000L;
        for (int s = 0; s < STRIDES_PER_WINDOW; s++) {
          strides.add(stride("00000000000000a1", Side.L, windowStart + s * 1_100_000L, random));
          strides.add(stride("00000000000000a2", Side.R, windowStart + s * 1_100_000L + 550_000L, random));
        }
        int steps = 2 * STRIDES_PER_WINDOW;
        stepsWritten += steps;
        double left = 0.48 + 0.04 * random.nextDouble();
        windows.add(new WindowSummaryRow(TENANT, WEARER, SummaryKind.WINDOW, windowStart, windowStart + 10_000_000L,
            steps, 105 + 10 * random.nextDouble(), left, 1 - left, 4 * random.nextDouble(), 3 * random.nextDouble(),
            6 * random.nextDouble(), 2 + random.nextDouble()));
        balance.add(new BalanceRow(TENANT, WEARER, windowStart + 1_800_000_000L, windowStart + 1_830_000_000L,
            300 + 50 * random.nextDouble(), 150 + 40 * random.nextDouble(), 12, 20, 10 + random.nextDouble(), left));
      }
    }
    windows.add(new WindowSummaryRow(OTHER_TENANT, "w-90", SummaryKind.WINDOW, START_US, START_US + 10_000_000L, 10,
        100, 0.5, 0.5, 1, 1, 1, 2));
    List<AlertEvent> alerts = List.of(new AlertEvent(TENANT, WEARER, Optional.empty(), START_US + 5 * DAY_US,
        "asymmetry_high", AlertSeverity.WARNING, 12.5, 10, "stance-time asymmetry 12.5 % over 10 %"));
    store.writeStrides(strides).toCompletableFuture().get(30, TimeUnit.SECONDS);
    store.writeWindowSummaries(windows).toCompletableFuture().get(30, TimeUnit.SECONDS);
    store.writeBalance(balance).toCompletableFuture().get(30, TimeUnit.SECONDS);
    store.writeAlerts(alerts).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static StrideRow stride(String device, Side side, long initialContactUs, Random random) {
    StrideMetrics.Builder metrics = StrideMetrics.builder();
    for (StrideMetric metric : StrideMetric.values()) {
      metrics.put(metric, 0.2 + random.nextDouble() * 0.1);
    }
    double strideTime = 1.05 + 0.1 * random.nextDouble();
    double stancePct = 58 + 4 * random.nextDouble();
    metrics.put(StrideMetric.STRIDE_TIME_S, strideTime)
        .put(StrideMetric.STANCE_PCT, stancePct)
        .put(StrideMetric.STANCE_TIME_S, strideTime * stancePct / 100)
        .put(StrideMetric.SWING_TIME_S, strideTime * (1 - stancePct / 100))
        .put(StrideMetric.DOUBLE_SUPPORT_PCT, 18 + 4 * random.nextDouble())
        .put(StrideMetric.PEAK_PRESSURE_KPA, 250 + 100 * random.nextDouble());
    long strideUs = Math.round(strideTime * 1e6);
    return new StrideRow(TENANT, WEARER, device, side, initialContactUs,
        initialContactUs + Math.round(strideUs * stancePct / 100), initialContactUs + strideUs, metrics.build());
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    if (influxd != null) {
      influxd.close();
    }
  }

  @Test
  void everyGaitPanelQueryParsesAndReturnsValues() throws Exception {
    List<DashboardQuery> panels = influxQueries().stream().filter(q -> q.origin().startsWith("panel")).toList();
    assertThat(panels).hasSizeGreaterThanOrEqualTo(16);
    for (DashboardQuery query : panels) {
      JsonNode series = run(query);
      assertThat(series).as(query.toString()).isNotEmpty();
      for (JsonNode one : series) {
        assertThat(hasValue(one)).as(query + " → series " + one.path("tags") + " has a value").isTrue();
      }
    }
  }

  @Test
  void perFootPanelsShowBothFeet() throws Exception {
    for (DashboardQuery query : influxQueries()) {
      if (query.text().contains("GROUP BY") && query.text().contains("\"side\"")) {
        List<String> sides = new ArrayList<>();
        run(query).forEach(s -> sides.add(s.path("tags").path("side").asText()));
        assertThat(sides).as(query.toString()).containsExactlyInAnyOrder("L", "R");
      }
    }
  }

  @Test
  void tenantAndWearerVariablesOfferOnlyTheSelectedTenantsWearers() throws Exception {
    assertThat(variableValues("tenant")).containsExactlyInAnyOrder(TENANT, OTHER_TENANT);
    assertThat(variableValues("wearer")).containsExactly(WEARER);
  }

  @Test
  void dailyTrendPanelAgreesWithTheStoresOwnTrendRead() throws Exception {
    DashboardQuery trend = panel("Trend: daily stride time per foot (mean ± SD)");
    List<TrendPoint> expected =
        store.readStrideTrend(TENANT, WEARER, StrideMetric.STRIDE_TIME_S, TrendBucket.DAY, RANGE);
    assertThat(expected).hasSize(2 * DAYS);
    List<TrendPoint> shown = new ArrayList<>();
    for (JsonNode series : run(trend)) {
      Side side = Side.valueOf(series.path("tags").path("side").asText());
      for (JsonNode row : series.path("values")) {
        shown.add(new TrendPoint(row.get(0).asLong() * 1000, side, STRIDES_PER_WINDOW * WINDOWS_PER_DAY,
            row.get(1).asDouble(), row.get(2).asDouble()));
      }
    }
    assertThat(shown).hasSameSizeAs(expected);
    for (TrendPoint point : expected) {
      TrendPoint match = shown.stream()
          .filter(p -> p.bucketStartUtcUs() == point.bucketStartUtcUs() && p.side() == point.side()).findFirst()
          .orElseThrow(() -> new AssertionError("no panel point for " + point));
      assertThat(match.mean()).isCloseTo(point.mean(), within(1e-9));
      assertThat(match.standardDeviation()).isCloseTo(point.standardDeviation(), within(1e-9));
    }
  }

  @Test
  void stepsStatCountsEveryStepWrittenInTheRange() throws Exception {
    JsonNode series = run(panel("Steps"));
    assertThat(series.get(0).path("values").get(0).get(1).asLong()).isEqualTo(stepsWritten);
  }

  private static List<DashboardQuery> influxQueries() {
    List<DashboardQuery> queries = DashboardQuery.of(DeployFiles.dashboard("plantar-gait")).stream()
        .filter(q -> q.datasourceType().equals("influxdb")).toList();
    assertThat(queries).isNotEmpty();
    return queries;
  }

  private static DashboardQuery panel(String title) {
    return influxQueries().stream().filter(q -> q.origin().startsWith("panel '" + title + "'")).findFirst()
        .orElseThrow(() -> new AssertionError("no panel " + title));
  }

  private static List<String> variableValues(String name) throws Exception {
    DashboardQuery query = influxQueries().stream().filter(q -> q.origin().equals("variable $" + name)).findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name));
    List<String> values = new ArrayList<>();
    for (JsonNode series : run(query)) {
      series.path("values").forEach(row -> values.add(row.get(1).asText()));
    }
    return values;
  }

  /** Runs the query with Grafana's variables substituted; returns its series, failing on any error. */
  private static JsonNode run(DashboardQuery query) throws Exception {
    String text = query.text();
    for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
      text = text.replace(variable.getKey(), variable.getValue());
    }
    assertThat(text).as("every variable of " + query + " substituted").doesNotContain("$");
    URI uri = influxd.url().resolve("/query?epoch=ms&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
        + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body()).path("results").get(0);
    assertThat(result.has("error")).as(query + " → " + result.path("error").asText()).isFalse();
    return result.path("series");
  }

  private static boolean hasValue(JsonNode series) {
    for (JsonNode row : series.path("values")) {
      for (int i = 1; i < row.size(); i++) {
        if (!row.get(i).isNull()) {
          return true;
        }
      }
    }
    return false;
  }
}
