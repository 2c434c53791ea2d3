package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigException;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.http.HttpServer;
import com.plantar.gateway.metrics.MicrometerGatewayMetrics;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.OpenMqttSecurity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar serve}: runs the MQTT broker and the HTTP port until the process is stopped, then
 * shuts down gracefully. Without {@code --open} it refuses to start: authentication needs the
 * device registry, which is not wired into serve yet.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway: MQTT (TCP, TLS, WebSocket) and HTTP (/health, /metrics, /mqtt).")
public final class ServeCommand implements Callable<Integer> {

  static final String NEEDS_REGISTRY =
      "plantar serve: authentication needs the device registry, which is not wired into serve yet;"
          + " use --open for the development mode (no authentication, any topic except"
          + " mqtt.deniedTopicFilters)";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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

  @Option(
      names = "--open",
      description = "Development mode: no authentication, any topic except the configured deny list.")
  boolean open;

  /** The servers of a running gateway; closing it shuts them down gracefully. */
  record Running(MqttServer mqtt, HttpServer http) implements AutoCloseable {
    @Override
    public void close() {
      if (http != null) {
        http.close();
      }
      mqtt.close();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!open) {
      err.println(NEEDS_REGISTRY);
      err.flush();
      return 1;
    }
    GatewayConfig config;
    try {
      config = new ConfigLoader().load(Optional.ofNullable(configFile), System.getenv(), overrides());
      Files.createDirectories(Path.of(config.dataDir()));
    } catch (ConfigException e) {
      err.println("plantar serve: bad configuration: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println("plantar serve: cannot create the data directory: " + e.getMessage());
      err.flush();
      return 1;
    }
    Running running = start(config);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "plantar serve --open: MQTT %d, MQTT/TLS %d, WebSocket %d, HTTP %d; data in %s%n",
        running.mqtt().port(), running.mqtt().tlsPort(), running.mqtt().webSocketPort(),
        running.http() == null ? -1 : running.http().port(), config.dataDir());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "plantar-shutdown"));
    stopped.await();
    return 0;
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

  /** Starts the open-mode gateway for {@code config}. */
  static Running start(GatewayConfig config) throws Exception {
    MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics();
    MqttServer mqtt =
        new MqttServer(
            config.mqtt(), config.tls(), new OpenMqttSecurity(config.mqtt().deniedTopicFilters()), List.of(), metrics);
    mqtt.start();
    HttpServer http = null;
    if (config.http().port() >= 0) {
      try {
        http = new HttpServer(config.http(), metrics::scrape, mqtt).start();
      } catch (Exception e) {
        mqtt.close();
        throw e;
      }
    }
    return new Running(mqtt, http);
  }
}
