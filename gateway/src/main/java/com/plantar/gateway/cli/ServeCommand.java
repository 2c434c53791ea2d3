package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigException;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar serve}: runs the gateway (MQTT with the device registry, the ingest path into the
 * journal, processing, HTTP) until the process is stopped, then shuts down gracefully. {@code
 * --open} is the development mode without authentication.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway: MQTT (TCP, TLS, WebSocket) and HTTP (/health, /metrics, /mqtt).")
public final class ServeCommand implements Callable<Integer> {

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

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
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
    Gateway running = Gateway.start(config, open);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "plantar serve%s: MQTT %d, MQTT/TLS %d, WebSocket %d, HTTP %d; data in %s%n",
        open ? " --open (no authentication)" : "", running.mqtt().port(), running.mqtt().tlsPort(),
        running.mqtt().webSocketPort(), running.http() == null ? -1 : running.http().port(), config.dataDir());
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
}
