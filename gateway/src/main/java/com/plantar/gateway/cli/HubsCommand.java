package com.plantar.gateway.cli;

import static com.plantar.gateway.cli.RegistryCommandSupport.printToken;
import static com.plantar.gateway.cli.RegistryCommandSupport.say;
import static com.plantar.gateway.cli.RegistryCommandSupport.withRegistry;

import com.plantar.gateway.registry.Hub;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plantar hubs add|list|pair|unpair|revoke|rotate}: phones and hubs that forward for insoles. */
@Command(
    name = "hubs",
    mixinStandardHelpOptions = true,
    description = "Manage phones/hubs and their paired insoles in the device registry (DIR/" + RegistryOpener.DB_FILE + ").")
public final class HubsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./plantar-data", scope = ScopeType.INHERIT,
      description = "Gateway data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  private final RegistryOpener opener;

  public HubsCommand() {
    this(RegistryOpener.PRODUCTION);
  }

  HubsCommand(RegistryOpener opener) {
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register a phone or hub and print its token once (stdout; the warning goes to stderr).")
  int add(
      @Option(names = "--tenant", required = true, description = "Tenant (a-z 0-9 _ -).") String tenant,
      @Parameters(paramLabel = "HUB_ID", description = "2-64 of a-z 0-9 . _ -, not 16 hex digits.") String hubId) {
    return withRegistry(spec, opener, dataDir, registry -> printToken(spec, "hub", registry.addHub(tenant, hubId)));
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List hubs, one per line, tab-separated: HUB_ID TENANT STATUS CREATED DEVICES (comma-separated, - if none).")
  int list(@Option(names = "--tenant", description = "Only this tenant's hubs.") Optional<String> tenant) {
    return withRegistry(spec, opener, dataDir, registry -> {
      PrintWriter out = spec.commandLine().getOut();
      for (Hub h : registry.listHubs(tenant)) {
        String devices = h.pairedDeviceIds().isEmpty() ? "-" : String.join(",", h.pairedDeviceIds());
        out.println(String.join("\t", h.hubId(), h.tenant(), RegistryCommandSupport.status(h.revokedAt()),
            RegistryCommandSupport.time(h.createdAt()), devices));
      }
      out.flush();
      return 0;
    });
  }

  @Command(name = "pair", mixinStandardHelpOptions = true,
      description = "Let a hub act for insoles of its tenant (from the hub's next connection).")
  int pair(@Parameters(index = "0", paramLabel = "HUB_ID") String hubId,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "DEVICE_ID") String[] deviceIds) {
    return withRegistry(spec, opener, dataDir, registry -> {
      for (String deviceId : deviceIds) {
        say(spec, registry.pair(hubId, deviceId)
            ? "paired hub " + hubId + " with device " + deviceId
            : "hub " + hubId + " was already paired with device " + deviceId);
      }
      return 0;
    });
  }

  @Command(name = "unpair", mixinStandardHelpOptions = true,
      description = "Stop a hub acting for insoles (from the hub's next connection).")
  int unpair(@Parameters(index = "0", paramLabel = "HUB_ID") String hubId,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "DEVICE_ID") String[] deviceIds) {
    return withRegistry(spec, opener, dataDir, registry -> {
      for (String deviceId : deviceIds) {
        say(spec, registry.unpair(hubId, deviceId)
            ? "unpaired hub " + hubId + " from device " + deviceId
            : "hub " + hubId + " was not paired with device " + deviceId);
      }
      return 0;
    });
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a hub for good: new connections with its token or certificate are refused.")
  int revoke(@Parameters(paramLabel = "HUB_ID") String hubId) {
    return withRegistry(spec, opener, dataDir, registry -> registry.revokeHub(hubId)
        ? say(spec, "revoked hub " + hubId)
        : say(spec, "hub " + hubId + " was already revoked"));
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Give a hub a new token, printed once; the old token stops working at once.")
  int rotate(@Parameters(paramLabel = "HUB_ID") String hubId) {
    return withRegistry(spec, opener, dataDir, registry -> printToken(spec, "hub", registry.rotateHub(hubId)));
  }
}
