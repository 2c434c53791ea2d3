package com.plantar.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations dashboard's PromQL against what a freshly started gateway serves on {@code /metrics}:
 * every metric an expression names is exposed, and every label it filters or groups by exists on it.
 */
class OperationsDashboardMetricsTest {
  /** The Prometheus job that scrapes the gateway (docker/prometheus/prometheus.yml). */
  static final String PROMETHEUS_JOB = "plantar-gateway";
  /** A metric name in an expression: a word followed by a selector, a range, a space, a paren or the end. */
  private static final Pattern METRIC = Pattern.compile("\\b(plantar_[a-z0-9_]+|up)\\b(?=\\s*[{\\[)\\s]|$)");
  private static final Pattern SELECTOR = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{([^}]*)}");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  private static final Pattern EXPOSED = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? ", Pattern.MULTILINE);

  @TempDir static Path directory;
  private static Gateway gateway;
  /** Metric name → label names seen on its samples. */
  private static final Map<String, Set<String>> exposed = new HashMap<>();

  @BeforeAll
  static void scrapeAFreshGateway() throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(), Map.of(
        "dataDir", directory.toString(), "mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1",
        "mqtt.webSocketPort", "-1", "mqtt.sessionLoops", "1", "http.host", "127.0.0.1", "http.port", "0"));
    gateway = Gateway.start(config, false);
    URI metrics = URI.create("http://127.0.0.1:" + gateway.http().port() + "/metrics");
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Matcher m = EXPOSED.matcher(response.body());
    while (m.find()) {
      Set<String> labels = exposed.computeIfAbsent(m.group(1), k -> new HashSet<>());
      if (m.group(2) != null) {
        for (String pair : m.group(2).split(",")) {
          if (pair.contains("=")) {
            labels.add(pair.substring(0, pair.indexOf('=')).strip());
          }
        }
      }
    }
    // What Prometheus itself adds to every scraped series.
    exposed.put("up", new HashSet<>(Set.of("job", "instance")));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void namesOnlyMetricsTheGatewayExposes() {
    List<DashboardQuery> queries = prometheusQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
    for (DashboardQuery query : queries) {
      List<String> names = metricNames(query.text());
      assertThat(names).as(query + " names a metric").isNotEmpty();
      assertThat(exposed.keySet()).as(query.toString()).containsAll(names);
    }
  }

  @Test
  void filtersAndGroupsOnlyByLabelsTheMetricsCarry() {
    for (DashboardQuery query : prometheusQueries()) {
      Set<String> labels = new HashSet<>();
      metricNames(query.text()).forEach(name -> labels.addAll(exposed.getOrDefault(name, Set.of())));
      Matcher grouping = GROUPING.matcher(query.text());
      while (grouping.find()) {
        for (String label : grouping.group(1).split(",")) {
          assertThat(labels).as(query + " groups by " + label.strip()).contains(label.strip());
        }
      }
      Matcher selector = SELECTOR.matcher(query.text());
      while (selector.find()) {
        Set<String> own = exposed.getOrDefault(selector.group(1), Set.of());
        for (String matcher : selector.group(2).split(",")) {
          String label = matcher.split("[=!~]")[0].strip();
          assertThat(own).as(query + " filters " + selector.group(1) + " by " + label).contains(label);
        }
      }
    }
  }

  @Test
  void showsConnectionsFramesRejectionsJournalLagAndPublishToAckLatency() {
    String all = String.join("\n", prometheusQueries().stream().map(DashboardQuery::text).toList());
    assertThat(all).contains("plantar_mqtt_connections", "rate(plantar_ingest_frames_accepted_total",
        "rate(plantar_ingest_frames_rejected_total", "rate(plantar_mqtt_rejections_total", "plantar_journal_lag_records",
        "histogram_quantile(0.99, sum by (le) (rate(plantar_mqtt_publish_to_ack_seconds_bucket",
        "up{job=\"" + PROMETHEUS_JOB + "\"}");
  }

  private static List<DashboardQuery> prometheusQueries() {
    List<DashboardQuery> queries = DashboardQuery.of(DeployFiles.dashboard("plantar-operations"));
    assertThat(queries).allSatisfy(q -> assertThat(q.datasourceType()).as(q.toString()).isEqualTo("prometheus"));
    return queries;
  }

  private static List<String> metricNames(String expression) {
    Matcher m = METRIC.matcher(expression);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
