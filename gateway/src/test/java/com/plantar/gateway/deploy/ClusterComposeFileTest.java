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
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * docker/cluster.yaml (cluster mode) checked as a structure, as {@link ComposeFileTest} checks
 * compose.yaml (no Docker engine runs here): a 3-node KRaft quorum whose voters, listeners and ids
 * agree; the edges' and processor's environment made only of real config keys and accepted by the
 * config loader, pointing at exactly the Kafka nodes, the PostgreSQL and the InfluxDB of the file;
 * HAProxy's backends exactly the edge services on their MQTT port, health-checked on /health.
 */
class ClusterComposeFileTest {
  private final JsonNode compose = DeployFiles.cluster();
  private final JsonNode services = compose.path("services");
  private final Path docker = DeployFiles.dockerDirectory();

  @Test
  void runsThreeKafkaNodesPostgresInfluxTwoEdgesAProcessorAndHaproxy() {
    assertThat(fieldNames(services)).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "postgres",
        "influxdb", "edge-1", "edge-2", "processor-1", "haproxy");
    assertThat(edges()).containsExactlyInAnyOrder("edge-1", "edge-2");
    assertThat(command(services.path("processor-1"))).startsWith("process").contains("--instance-id");
  }

  @Test
  void pinsImagesAndRunsKafkaAtTheClientsVersion() {
    for (String name : List.of("kafka-1", "postgres", "influxdb", "haproxy")) {
      assertThat(services.path(name).path("image").asText()).as(name).matches("[a-z0-9./-]+:v?\\d+\\.\\d+(\\.\\d+)?");
    }
    for (String kafka : kafkaNodes()) {
      assertThat(services.path(kafka).path("image").asText()).isEqualTo("apache/kafka:" + kafkaClientVersion());
    }
    for (String plantar : plantarServices()) {
      JsonNode build = services.path(plantar).path("build");
      assertThat(docker.resolve(build.path("context").asText()).normalize()).isEqualTo(DeployFiles.repositoryRoot());
      assertThat(docker.resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText()))
          .isRegularFile();
      assertThat(services.path(plantar).path("image").asText())
          .isEqualTo(services.path("edge-1").path("image").asText());
    }
  }

  @Test
  void formsOneKraftQuorumFromTheThreeKafkaServices() {
    Set<String> voters = new TreeSet<>();
    Set<String> ids = new HashSet<>();
    Set<String> clusterIds = new HashSet<>();
    for (String node : kafkaNodes()) {
      Map<String, String> env = environment(services.path(node));
      assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(ids.add(env.get("KAFKA_NODE_ID"))).as(node + " has its own node id").isTrue();
      clusterIds.add(env.get("CLUSTER_ID"));
      int controllerPort = listenerPort(env.get("KAFKA_LISTENERS"), env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
      voters.add(env.get("KAFKA_NODE_ID") + "@" + node + ":" + controllerPort);
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo(
          "PLAINTEXT://" + node + ":" + listenerPort(env.get("KAFKA_LISTENERS"), "PLAINTEXT"));
      assertThat(exposed(services.path(node))).contains(controllerPort, listenerPort(env.get("KAFKA_LISTENERS"),
          "PLAINTEXT"));
      String dataVolume = volumeSources(services.path(node)).get(env.get("KAFKA_LOG_DIRS"));
      assertThat(dataVolume).as(node + " keeps its log in a named volume").isNotNull().doesNotStartWith(".");
      assertThat(fieldNames(compose.path("volumes"))).contains(dataVolume);
      assertThat(services.path(node).has("ports")).as("Kafka stays inside the compose network").isFalse();
    }
    assertThat(clusterIds).hasSize(1).doesNotContain("");
    String clusterId = clusterIds.iterator().next();
    assertThat(Uuid.fromString(clusterId).toString()).as("a Kafka cluster id (base64 UUID)").isEqualTo(clusterId);
    for (String node : kafkaNodes()) {
      Set<String> declared = new TreeSet<>(List.of(
          environment(services.path(node)).get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")));
      assertThat(declared).as(node + " voters").isEqualTo(voters);
    }
  }

  @Test
  void documentsTheProductionReplicationSettingsOnBrokersAndTopics() {
    for (String node : kafkaNodes()) {
      Map<String, String> env = environment(services.path(node));
      assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");
    }
    GatewayConfig config = plantarConfig("processor-1");
    assertThat(config.kafka().replicationFactor()).isEqualTo(3).isLessThanOrEqualTo(kafkaNodes().size());
    assertThat(config.kafka().minInsyncReplicas()).isEqualTo(2);
  }

  @Test
  void passesThePlantarServicesOnlyEnvironmentVariablesOfConfigKeys() {
    Map<String, String> byVariable = ComposeNodes.variablesOfKeys(ComposeNodes.configKeys(), ComposeFileTest.STORE_KEYS);
    for (String service : plantarServices()) {
      for (String variable : environment(services.path(service)).keySet()) {
        if (variable.startsWith("PLANTAR_")) {
          assertThat(byVariable).as(service + ": a config key for " + variable).containsKey(variable);
        }
      }
    }
  }

  @Test
  void pointsEdgesAndProcessorAtTheKafkaNodesPostgresAndInfluxOfThisFile() {
    Set<String> brokers = new TreeSet<>();
    kafkaNodes().forEach(n -> brokers.add(
        environment(services.path(n)).get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "")));
    Map<String, String> postgres = environment(services.path("postgres"));
    Map<String, String> influx = environment(services.path("influxdb"));
    for (String service : plantarServices()) {
      GatewayConfig config = plantarConfig(service);
      Map<String, String> env = environment(services.path(service));
      assertThat(config.ingest().kafka()).as(service + " in cluster mode").isTrue();
      assertThat(new TreeSet<>(List.of(config.kafka().bootstrapServers().split(",")))).isEqualTo(brokers);
      URI registry = URI.create(config.registry().url().substring("jdbc:".length()));
      assertThat(registry.getScheme()).isEqualTo("postgresql");
      assertThat(registry.getHost()).isEqualTo("postgres");
      assertThat(exposed(services.path("postgres"))).contains(registry.getPort());
      assertThat(registry.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
      assertThat(config.registry().user()).isEqualTo(postgres.get("POSTGRES_USER"));
      assertThat(config.registry().passwordFile()).isEqualTo(postgres.get("POSTGRES_PASSWORD_FILE"))
          .startsWith("/run/secrets/");
      String secret = Path.of(config.registry().passwordFile()).getFileName().toString();
      assertThat(text(services.path(service).path("secrets"))).contains(secret);
      assertThat(text(services.path("postgres").path("secrets"))).contains(secret);
      assertThat(env.get("PLANTAR_STORE_KIND")).isEqualTo("influxdb");
      assertThat(env.get("PLANTAR_STORE_INFLUX_URL")).isEqualTo("http://influxdb:8086");
      assertThat(exposed(services.path("influxdb"))).contains(8086);
      assertThat(env.get("PLANTAR_STORE_DATABASE")).isEqualTo(influx.get("INFLUXDB_DB"));
      assertThat(env.get("PLANTAR_STORE_USER")).isEqualTo(influx.get("INFLUXDB_ADMIN_USER"));
      assertThat(env.get("PLANTAR_STORE_PASSWORD")).isEqualTo(influx.get("INFLUXDB_ADMIN_PASSWORD"));
      for (String dependency : List.of("kafka-1", "kafka-2", "kafka-3", "postgres", "influxdb")) {
        assertThat(services.path(service).path("depends_on").path(dependency).path("condition").asText())
            .as(service + " waits for " + dependency).isEqualTo("service_healthy");
      }
    }
  }

  @Test
  void keepsTheSecretOutOfTheRepository() {
    String file = compose.path("secrets").path("postgres-password").path("file").asText();
    assertThat(file).startsWith("./secrets/");
    List<String> ignored = List.of(DeployFiles.read(docker.resolve("secrets/.gitignore")).split("\n"));
    assertThat(ignored).contains("*");
    assertThat(docker.resolve("secrets/.gitignore")).isRegularFile();
  }

  @Test
  void publishesMqttOnlyThroughHaproxyWhoseBackendsAreTheEdges() {
    for (String edge : edges()) {
      GatewayConfig config = plantarConfig(edge);
      assertThat(services.path(edge).has("ports")).as(edge + " is reached through HAProxy only").isFalse();
      assertThat(exposed(services.path(edge))).contains(config.mqtt().port(), config.http().port());
    }
    JsonNode haproxy = services.path("haproxy");
    String cfgSource = volumeSources(haproxy).get("/usr/local/etc/haproxy/haproxy.cfg");
    assertThat(cfgSource).isEqualTo("./haproxy/haproxy.cfg");
    String cfg = DeployFiles.read(docker.resolve(cfgSource));
    assertThat(section(cfg, "defaults")).contains("mode tcp");
    Matcher bind = Pattern.compile("bind :(\\d+)").matcher(section(cfg, "frontend mqtt"));
    assertThat(bind.find()).isTrue();
    assertThat(containerPorts(haproxy)).contains(Integer.parseInt(bind.group(1)));
    assertThat(section(cfg, "frontend mqtt")).contains("default_backend edges");

    String backend = section(cfg, "backend edges");
    assertThat(backend).contains("option httpchk GET /health").contains("http-check expect status 200");
    Set<String> servers = new TreeSet<>();
    Matcher server = Pattern.compile("(?m)^\\s*server (\\S+) (\\S+):(\\d+)(.*)$").matcher(backend);
    while (server.find()) {
      String host = server.group(2);
      GatewayConfig config = plantarConfig(host);
      servers.add(host);
      assertThat(Integer.parseInt(server.group(3))).as(host + " MQTT port").isEqualTo(config.mqtt().port());
      assertThat(server.group(4)).as(host + " is health-checked on its HTTP port")
          .contains("check").contains("port " + config.http().port());
    }
    assertThat(servers).isEqualTo(new TreeSet<>(edges()));
  }

  @Test
  void givesEveryServiceAHealthCheckAndKeepsStateInNamedVolumes() {
    Set<String> declared = new HashSet<>(fieldNames(compose.path("volumes")));
    for (String name : fieldNames(services)) {
      JsonNode test = services.path(name).path("healthcheck").path("test");
      assertThat(test.isArray() && test.size() >= 2).as(name + " health check").isTrue();
      volumeSources(services.path(name)).forEach((target, source) -> {
        if (source.startsWith(".")) {
          assertThat(docker.resolve(source)).as(name + " mounts " + source).exists();
        } else {
          assertThat(declared).as(name + " volume " + source).contains(source);
        }
      });
    }
    for (String edge : edges()) {
      assertThat(text(services.path(edge).path("healthcheck").path("test"))).contains("http://127.0.0.1:8080/health");
    }
    for (String plantar : plantarServices()) {
      assertThat(volumeSources(services.path(plantar))).containsKey("/var/lib/plantar");
    }
    assertThat(volumeSources(services.path("postgres"))).containsKey("/var/lib/postgresql/data");
    assertThat(volumeSources(services.path("influxdb"))).containsKey("/var/lib/influxdb");
  }

  private List<String> kafkaNodes() {
    return fieldNames(services).stream().filter(n -> services.path(n).path("image").asText().startsWith("apache/kafka:"))
        .toList();
  }

  /** Services running the plantar image (edges and processors). */
  private List<String> plantarServices() {
    return fieldNames(services).stream().filter(n -> services.path(n).has("build")).toList();
  }

  private List<String> edges() {
    return plantarServices().stream().filter(n -> command(services.path(n)).startsWith("serve")).toList();
  }

  private GatewayConfig plantarConfig(String service) {
    return new ConfigLoader().load(Optional.empty(), environment(services.path(service)),
        Map.of("dataDir", "/var/lib/plantar"));
  }

  /** The version of the Kafka client the gateway is built with (the jar's own version file). */
  private static String kafkaClientVersion() {
    java.util.Properties version = new java.util.Properties();
    try (java.io.InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      version.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return version.getProperty("version");
  }

  private static String command(JsonNode service) {
    return text(service.path("command"));
  }

  private static List<Integer> exposed(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    service.path("expose").forEach(p -> ports.add(Integer.parseInt(p.asText())));
    return ports;
  }

  /** The port of listener {@code name} in {@code NAME://host:port,…}. */
  private static int listenerPort(String listeners, String name) {
    for (String listener : listeners.split(",")) {
      if (listener.startsWith(name + "://")) {
        return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      }
    }
    throw new AssertionError("no listener " + name + " in " + listeners);
  }

  /** The lines of one haproxy.cfg section, up to the next unindented line. */
  private static String section(String cfg, String header) {
    int start = cfg.indexOf("\n" + header + "\n");
    assertThat(start).as("section " + header).isNotNegative();
    StringBuilder body = new StringBuilder();
    for (String line : cfg.substring(start + header.length() + 2).split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        break;
      }
      body.append(line).append('\n');
    }
    return body.toString();
  }
}
