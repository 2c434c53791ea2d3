package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigException;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.store.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that runs the gateway shares ({@code serve}, {@code demo}). */
final class ServerOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path configFile;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./plantar-data).")
  String dataDir;

  @Option(names = "--mqtt-port", paramLabel = "N", description = "MQTT port (default 1883, -1 off).")
  Integer mqttPort;

  @Option(names = "--mqtts-port", paramLabel = "N", description = "MQTT over TLS port (default 8883, -1 off).")
  Integer mqttsPort;

  @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (default 8080, -1 off).")
  Integer httpPort;

  @Option(names = "--ingest-log", paramLabel = "LOG",
      description = "Where frames become durable before they are acknowledged: journal (default, single node) "
          + "or kafka (cluster mode, see SCALING.md).")
  String ingestLog;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT,…",
      description = "Kafka bootstrap servers for cluster mode (kafka.bootstrapServers).")
  String kafkaBootstrap;

  // The store options fall back to PLANTAR_STORE_* variables (docker/compose.yaml sets them).
  @Option(names = "--store", paramLabel = "KIND", defaultValue = "${env:PLANTAR_STORE_KIND:-questdb}",
      description = "Time-series store: questdb (embedded in the data directory) or influxdb. Default: ${DEFAULT-VALUE}.")
  String store;

  @Option(names = "--influx-url", paramLabel = "URL", defaultValue = "${env:PLANTAR_STORE_INFLUX_URL:-http://127.0.0.1:8086}",
      description = "InfluxDB v1 API (1.x, or 2.x/3.x compatibility). Default: ${DEFAULT-VALUE}.")
  URI influxUrl;

  @Option(names = "--influx-database", paramLabel = "DB", defaultValue = "${env:PLANTAR_STORE_DATABASE:-plantar}",
      description = "InfluxDB database (with 2.x: the DBRP-mapped name). Default: ${DEFAULT-VALUE}.")
  String influxDatabase;

  @Option(names = "--influx-retention-policy", paramLabel = "RP",
      defaultValue = "${env:PLANTAR_STORE_RETENTION_POLICY:-}",
      description = "Retention policy for strides and summaries (empty: the server's default).")
  String influxRetentionPolicy;

  @Option(names = "--influx-manage-schema", paramLabel = "BOOL",
      defaultValue = "${env:PLANTAR_STORE_MANAGE_INFLUX_SCHEMA:-false}",
      description = "InfluxDB 1.x: create the database, retention policies and downsampling at start.")
  boolean influxManageSchema;

  @Option(names = "--influx-user", paramLabel = "NAME", defaultValue = "${env:PLANTAR_STORE_USER:-}",
      description = "InfluxDB user (password in PLANTAR_STORE_PASSWORD); or set PLANTAR_STORE_TOKEN for 2.x/3.x.")
  String influxUser;

  /** What a server command runs with: its configuration and store. */
  record Startup(GatewayConfig config, StoreConfig store) {}

  /**
   * Loads the configuration, picks the store and creates the data directory; when one of those
   * fails, says why on {@code err} (prefixed with {@code command}) and returns empty.
   */
  Optional<Startup> prepare(String command, PrintWriter err) {
    try {
      GatewayConfig config = load();
      StoreConfig storeConfig = storeConfig(config);
      Files.createDirectories(Path.of(config.dataDir()));
      return Optional.of(new Startup(config, storeConfig));
    } catch (ConfigException e) {
      err.println(command + ": bad configuration: " + e.getMessage());
    } catch (IOException e) {
      err.println(command + ": cannot create the data directory: " + e.getMessage());
    }
    err.flush();
    return Optional.empty();
  }

  /** Which store to open: the embedded QuestDB by default, InfluxDB when asked for. */
  StoreConfig storeConfig(GatewayConfig config) {
    switch (store) {
      case "questdb":
        return Gateway.embeddedStore(config);
      case "influxdb":
        StoreConfig influx = StoreConfig.influxDb(influxUrl, influxDatabase);
        if (influxManageSchema) {
          influx = influx.withManagedInfluxSchema(influxRetentionPolicy);
        }
        String token = System.getenv("PLANTAR_STORE_TOKEN");
        if (token != null && !token.isBlank()) {
          return influx.withToken(token);
        }
        return influxUser.isBlank() ? influx : influx.withBasicAuth(influxUser, System.getenv("PLANTAR_STORE_PASSWORD"));
      default:
        throw new ConfigException("store", "must be questdb or influxdb, not " + store);
    }
  }

  /** The configuration: defaults, then the file, then PLANTAR_* variables, then these flags. */
  GatewayConfig load() {
    return new ConfigLoader().load(Optional.ofNullable(configFile), System.getenv(), overrides());
  }

  Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (dataDir != null) {
      overrides.put("dataDir", dataDir);
    }
    if (mqttPort != null) {
      overrides.put("mqtt.port", mqttPort.toString());
    }
    if (mqttsPort != null) {
      overrides.put("mqtt.tlsPort", mqttsPort.toString());
    }
    if (httpPort != null) {
      overrides.put("http.port", httpPort.toString());
    }
    if (ingestLog != null) {
      overrides.put("ingest.log", ingestLog);
    }
    if (kafkaBootstrap != null) {
      overrides.put("kafka.bootstrapServers", kafkaBootstrap);
    }
    return overrides;
  }
}
