package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
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
    return overrides;
  }
}
