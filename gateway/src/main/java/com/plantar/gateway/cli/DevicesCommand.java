package com.plantar.gateway.cli;

import static com.plantar.gateway.cli.RegistryCommandSupport.printToken;
import static com.plantar.gateway.cli.RegistryCommandSupport.say;
import static com.plantar.gateway.cli.RegistryCommandSupport.withRegistry;

import com.plantar.gateway.registry.Device;
import com.plantar.gateway.registry.Side;
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

/** {@code plantar devices add|list|revoke|rotate}: the insoles in the registry. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "Manage insoles in the device registry (DIR/" + RegistryOpener.DB_FILE + ").")
public final class DevicesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./plantar-data", scope = ScopeType.INHERIT,
      description = "Gateway data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  private final RegistryOpener opener;

  public DevicesCommand() {
    this(RegistryOpener.PRODUCTION);
  }

  DevicesCommand(RegistryOpener opener) {
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register an insole and print its token once (stdout; the warning goes to stderr).")
  int add(
      @Option(names = "--tenant", required = true, description = "Tenant (a-z 0-9 _ -).") String tenant,
      @Option(names = "--side", required = true, description = "Foot: ${COMPLETION-CANDIDATES}.") Side side,
      @Option(names = "--model", required = true, description = "Hardware model, e.g. PL-16.") String model,
      @Parameters(paramLabel = "DEVICE_ID", description = "16 lower-case hex digits.") String deviceId) {
    return withRegistry(spec, opener, dataDir,
        registry -> printToken(spec, "device", registry.addDevice(tenant, deviceId, side, model)));
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List insoles, one per line, tab-separated: DEVICE_ID TENANT SIDE MODEL STATUS CREATED.")
  int list(@Option(names = "--tenant", description = "Only this tenant's insoles.") Optional<String> tenant) {
    return withRegistry(spec, opener, dataDir, registry -> {
      PrintWriter out = spec.commandLine().getOut();
      for (Device d : registry.listDevices(tenant)) {
        out.println(String.join("\t", d.deviceId(), d.tenant(), d.side().name(), d.model(),
            RegistryCommandSupport.status(d.revokedAt()), RegistryCommandSupport.time(d.createdAt())));
      }
      out.flush();
      return 0;
    });
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an insole for good: new connections with its token or certificate are refused.")
  int revoke(@Parameters(paramLabel = "DEVICE_ID") String deviceId) {
    return withRegistry(spec, opener, dataDir, registry -> registry.revokeDevice(deviceId)
        ? say(spec, "revoked device " + deviceId)
        : say(spec, "device " + deviceId + " was already revoked"));
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Give an insole a new token, printed once; the old token stops working at once.")
  int rotate(@Parameters(paramLabel = "DEVICE_ID") String deviceId) {
    return withRegistry(spec, opener, dataDir, registry -> printToken(spec, "device", registry.rotateDevice(deviceId)));
  }
}
