package com.plantar.gateway.cli;

import com.plantar.gateway.bridge.BridgeConfig;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.store.StoreConfig;
import java.io.PrintWriter;
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
    description = "Run the gateway: MQTT (TCP, TLS, WebSocket) and HTTP (dashboard, /api, /health, /metrics, /mqtt).")
public final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--bridge", paramLabel = "URL",
      description = "Also ingest from this external MQTT broker (bridge mode), e.g. tcp://broker:1883; "
          + "its password is read from PLANTAR_BRIDGE_PASSWORD.")
  String bridgeUrl;

  @Option(names = "--bridge-user", paramLabel = "NAME", description = "User name at the external broker.")
  String bridgeUser;

  @Option(names = "--bridge-group", paramLabel = "GROUP", defaultValue = "",
      description = "Shared-subscription group, for several gateways behind one broker.")
  String bridgeGroup;

  @Option(names = "--bridge-client-id", paramLabel = "ID", defaultValue = "plantar-gateway",
      description = "Client id at the external broker (one per gateway instance). Default: ${DEFAULT-VALUE}.")
  String bridgeClientId;

  @Option(
      names = "--open",
      description = "Development mode: no authentication, any topic except the configured deny list.")
  boolean open;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ServerOptions.Startup> startup = server.prepare("plantar serve", err);
    if (startup.isEmpty()) {
      return 1;
    }
    GatewayConfig config = startup.get().config();
    StoreConfig storeConfig = startup.get().store();
    Optional<BridgeConfig> bridge = bridgeUrl == null ? Optional.empty()
        : Optional.of(BridgeConfig.of(bridgeUrl).withClientId(bridgeClientId).withSharedGroup(bridgeGroup)
            .withCredentials(bridgeUser, System.getenv("PLANTAR_BRIDGE_PASSWORD")));
    Gateway running = Gateway.start(config, open, bridge, storeConfig);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "plantar serve%s: MQTT %d, MQTT/TLS %d, WebSocket %d, HTTP %d; data in %s%n",
        open ? " --open (no authentication)" : "", running.mqtt().port(), running.mqtt().tlsPort(),
        running.mqtt().webSocketPort(), running.http() == null ? -1 : running.http().port(), config.dataDir());
    if (running.http() != null) {
      out.printf("  dashboard http://127.0.0.1:%d/ (accounts: plantar users add), API /api/openapi.json, metrics /metrics%n",
          running.http().port());
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "plantar-shutdown"));
    stopped.await();
    return 0;
  }


  /** Starts the open-mode gateway for {@code config}. */
}
