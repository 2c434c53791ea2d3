package com.plantar.gateway.deploy;

import static com.plantar.gateway.deploy.ComposeNodes.containerPorts;
import static com.plantar.gateway.deploy.ComposeNodes.environment;
import static com.plantar.gateway.deploy.ComposeNodes.fieldNames;
import static com.plantar.gateway.deploy.ComposeNodes.text;
import static com.plantar.gateway.deploy.ComposeNodes.volumeSources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml checked as a structure (no Docker engine runs here): services, ports, volumes,
 * health checks, profiles, every bind-mounted file present, the gateway's environment valid for its
 * config loader, Prometheus scraping the gateway, Grafana provisioned with the dashboards in the repo.
 */
class ComposeFileTest {
  /** The store settings the compose passes; issue 9 adds them to the gateway's configuration. */
  static final List<String> STORE_KEYS = List.of("store.kind", "store.influxUrl", "store.database",
      "store.retentionPolicy", "store.user", "store.password", "store.manageInfluxSchema");

  private final JsonNode compose = DeployFiles.compose();
  private final JsonNode services = compose.path("services");
  private final Path docker = DeployFiles.dockerDirectory();

  @Test
  void runsTheGatewayInfluxPrometheusGrafanaAndMosquittoForBridgeMode() {
    assertThat(fieldNames(services)).containsExactlyInAnyOrder("gateway", "influxdb", "prometheus", "grafana", "mosquitto");
    assertThat(services.path("mosquitto").path("profiles")).extracting(JsonNode::asText).containsExactly("bridge");
    for (String always : List.of("gateway", "influxdb", "prometheus", "grafana")) {
      assertThat(services.path(always).has("profiles")).as(always + " runs without a profile").isFalse();
    }
  }

  @Test
  void buildsTheGatewayFromTheRepositoryWithTheDockerfile() {
    JsonNode build = services.path("gateway").path("build");
    Path context = docker.resolve(build.path("context").asText()).normalize();
    assertThat(context).isEqualTo(DeployFiles.repositoryRoot());
    assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile().isEqualTo(docker.resolve("Dockerfile"));
  }

  @Test
  void pinsEveryThirdPartyImageToAVersion() {
    for (String name : List.of("influxdb", "prometheus", "grafana", "mosquitto")) {
      String image = services.path(name).path("image").asText();
      assertThat(image).as(name).matches("[a-z0-9./-]+:v?\\d+\\.\\d+(\\.\\d+)?");
    }
    assertThat(services.path("influxdb").path("image").asText()).startsWith("influxdb:1.8.");
    assertThat(services.path("mosquitto").path("image").asText()).startsWith("eclipse-mosquitto:2.");
  }

  @Test
  void publishesMqttMqttsAndHttpOfTheGateway() {
    assertThat(containerPorts(services.path("gateway"))).containsExactlyInAnyOrder(1883, 8883, 8080);
    assertThat(containerPorts(services.path("grafana"))).containsExactly(3000);
    assertThat(services.path("influxdb").has("ports")).as("InfluxDB stays inside the compose network").isFalse();
  }

  @Test
  void givesEveryServiceAHealthCheckAndTheGatewayOneOnHealth() {
    for (String name : fieldNames(services)) {
      JsonNode test = services.path(name).path("healthcheck").path("test");
      assertThat(test.isArray() && test.size() >= 2).as(name + " health check").isTrue();
    }
    assertThat(text(services.path("gateway").path("healthcheck").path("test")))
        .contains("http://127.0.0.1:8080/health");
    assertThat(services.path("gateway").path("depends_on").path("influxdb").path("condition").asText())
        .isEqualTo("service_healthy");
  }

  @Test
  void keepsStateInDeclaredNamedVolumes() {
    Set<String> declared = new HashSet<>(fieldNames(compose.path("volumes")));
    Map<String, String> stateDirectories = Map.of("gateway", "/var/lib/plantar", "influxdb", "/var/lib/influxdb",
        "prometheus", "/prometheus", "grafana", "/var/lib/grafana", "mosquitto", "/mosquitto/data");
    stateDirectories.forEach((service, target) -> {
      String source = volumeSources(services.path(service)).get(target);
      assertThat(source).as(service + " " + target).isNotNull().doesNotStartWith(".").doesNotStartWith("/");
      assertThat(declared).as("top-level volumes").contains(source);
    });
  }

  @Test
  void mountsOnlyFilesThatExistInTheRepository() {
    List<String> checked = new ArrayList<>();
    for (String name : fieldNames(services)) {
      volumeSources(services.path(name)).forEach((target, source) -> {
        if (source.startsWith(".")) {
          assertThat(docker.resolve(source)).as(name + " mounts " + source).exists();
          checked.add(source);
        }
      });
    }
    assertThat(checked).contains("./prometheus/prometheus.yml", "./grafana/provisioning", "./grafana/dashboards",
        "./mosquitto", "./tls");
    assertThat(docker.resolve("mosquitto/mosquitto.conf")).isRegularFile();
    assertThat(DeployFiles.read(docker.resolve("mosquitto/mosquitto.conf")))
        .contains("acl_file /mosquitto/config/acl").contains("allow_anonymous false");
    assertThat(docker.resolve("mosquitto/acl")).isRegularFile();
  }

  @Test
  void passesTheGatewayOnlyEnvironmentVariablesOfConfigKeys() {
    Set<String> known = ComposeNodes.configKeys();
    boolean storeSectionExists = known.stream().anyMatch(k -> k.startsWith("store."));
    Map<String, String> byVariable = ComposeNodes.variablesOfKeys(known, STORE_KEYS);
    for (String variable : gatewayEnvironment().keySet()) {
      if (variable.startsWith("PLANTAR_")) {
        assertThat(byVariable).as("a config key for " + variable).containsKey(variable);
        if (storeSectionExists) {
          assertThat(known).as("the gateway's config knows " + byVariable.get(variable)).contains(byVariable.get(variable));
        }
      }
    }
    assertThat(gatewayEnvironment()).containsKeys(STORE_KEYS.stream().map(ConfigLoader::environmentName).toArray(String[]::new));
  }

  @Test
  void givesTheGatewayAnEnvironmentItsConfigLoaderAccepts() {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), gatewayEnvironment(),
        Map.of("dataDir", "/var/lib/plantar"));
    assertThat(config.tls().enabled()).as("no certificate unless the operator configures one").isFalse();
    assertThat(config.mqtt().port()).isEqualTo(1883);
    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void pointsGatewayAndGrafanaAtTheSameInfluxDatabase() {
    Map<String, String> gateway = gatewayEnvironment();
    Map<String, String> influx = environment(services.path("influxdb"));
    JsonNode influxSource = datasource("influxdb");
    assertThat(gateway.get("PLANTAR_STORE_KIND")).isEqualTo("influxdb");
    assertThat(gateway.get("PLANTAR_STORE_INFLUX_URL")).isEqualTo("http://influxdb:8086");
    assertThat(influxSource.path("url").asText()).isEqualTo("http://influxdb:8086");
    assertThat(gateway.get("PLANTAR_STORE_DATABASE")).isEqualTo(influx.get("INFLUXDB_DB"))
        .isEqualTo(influxSource.path("jsonData").path("dbName").asText());
    assertThat(gateway.get("PLANTAR_STORE_USER")).isEqualTo(influx.get("INFLUXDB_ADMIN_USER"));
    assertThat(gateway.get("PLANTAR_STORE_PASSWORD")).isEqualTo(influx.get("INFLUXDB_ADMIN_PASSWORD"));
    Map<String, String> grafana = environment(services.path("grafana"));
    assertThat(influxSource.path("user").asText()).isEqualTo("$INFLUXDB_READ_USER");
    assertThat(grafana.get("INFLUXDB_READ_USER")).isEqualTo(influx.get("INFLUXDB_READ_USER"));
    assertThat(grafana.get("INFLUXDB_READ_USER_PASSWORD")).isEqualTo(influx.get("INFLUXDB_READ_USER_PASSWORD"));
  }

  @Test
  void scrapesTheGatewayMetricsEndpointWithPrometheus() {
    assertThat(volumeSources(services.path("prometheus"))).containsEntry("/etc/prometheus/prometheus.yml",
        "./prometheus/prometheus.yml");
    JsonNode prometheus = DeployFiles.yaml(docker.resolve("prometheus/prometheus.yml"));
    JsonNode job = prometheus.path("scrape_configs").get(0);
    assertThat(job.path("job_name").asText()).isEqualTo(OperationsDashboardMetricsTest.PROMETHEUS_JOB);
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(text(job.path("static_configs").get(0).path("targets"))).isEqualTo("gateway:8080");
    assertThat(datasource("prometheus").path("url").asText()).isEqualTo("http://prometheus:9090");
  }

  @Test
  void provisionsGrafanaWithTheDashboardsAndDataSourcesTheyUse() {
    Map<String, String> mounts = volumeSources(services.path("grafana"));
    assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");
    JsonNode provider = DeployFiles.yaml(docker.resolve("grafana/provisioning/dashboards/dashboards.yaml"))
        .path("providers").get(0);
    String dashboardsInContainer = provider.path("options").path("path").asText();
    assertThat(mounts.get(dashboardsInContainer)).isEqualTo("./grafana/dashboards");
    List<String> uids = DeployFiles.dashboards().stream().map(d -> DeployFiles.json(d).path("uid").asText()).toList();
    assertThat(uids).containsExactlyInAnyOrder("plantar-gait", "plantar-operations");
    String home = environment(services.path("grafana")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(dashboardsInContainer + "/");
    assertThat(docker.resolve("grafana/dashboards").resolve(home.substring(dashboardsInContainer.length() + 1))).isRegularFile();

    Set<String> sourceUids = new HashSet<>();
    datasources().forEach(s -> sourceUids.add(s.path("type").asText() + "/" + s.path("uid").asText()));
    for (Path file : DeployFiles.dashboards()) {
      for (DashboardQuery query : DashboardQuery.of(DeployFiles.json(file))) {
        assertThat(sourceUids).as(query.toString()).contains(query.datasourceType() + "/" + query.datasourceUid());
      }
    }
  }

  @Test
  void documentsOnlyVariablesTheComposeFileReadsInTheEnvironmentExample() {
    String composeText = DeployFiles.read(docker.resolve("compose.yaml"));
    List<String> documented = new ArrayList<>();
    for (String line : DeployFiles.read(docker.resolve(".env.example")).split("\n")) {
      Matcher m = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=").matcher(line);
      if (m.find() && !m.group(1).equals("COMPOSE_PROJECT_NAME")) {
        documented.add(m.group(1));
        assertThat(composeText).as(m.group(1) + " in .env.example").contains("${" + m.group(1) + ":-");
      }
    }
    assertThat(documented).contains("INFLUXDB_ADMIN_PASSWORD", "INFLUXDB_READ_USER_PASSWORD", "GRAFANA_ADMIN_PASSWORD",
        "PLANTAR_TLS_CERTIFICATE_FILE");
  }

  private Map<String, String> gatewayEnvironment() {
    return environment(services.path("gateway"));
  }

  private List<JsonNode> datasources() {
    List<JsonNode> list = new ArrayList<>();
    DeployFiles.yaml(docker.resolve("grafana/provisioning/datasources/datasources.yaml")).path("datasources")
        .forEach(list::add);
    return list;
  }

  private JsonNode datasource(String type) {
    return datasources().stream().filter(s -> s.path("type").asText().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " data source"));
  }
}
