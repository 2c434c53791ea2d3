package com.plantar.gateway.cli;

import com.plantar.gateway.registry.IssuedToken;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.RegistryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code devices} and {@code hubs} share: opening the registry, errors, the one-time token. */
final class RegistryCommandSupport {

  /** Exit code for a refused operation (unknown id, duplicate, revoked, storage); 2 stays usage errors. */
  static final int FAILED = 1;

  private RegistryCommandSupport() {}

  /** Runs {@code work} on the registry in {@code dataDir}; a registry error is one line on stderr. */
  static int withRegistry(CommandSpec spec, RegistryOpener opener, Path dataDir, ToIntFunction<Registry> work) {
    try (Registry registry = opener.open(dataDir)) {
      return work.applyAsInt(registry);
    } catch (RegistryException e) {
      spec.commandLine().getErr().println("plantar: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return FAILED;
    }
  }

  /**
   * Prints a new token alone on stdout (so {@code TOKEN=$(plantar devices add ...)} works) and the
   * warning that it is shown only this once on stderr.
   */
  static int printToken(CommandSpec spec, String what, IssuedToken issued) {
    spec.commandLine().getOut().println(issued.token());
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().println("Token for " + what + " " + issued.identity()
        + " printed above. It is shown only this once and is not stored: keep it safe now.");
    spec.commandLine().getErr().flush();
    return 0;
  }

  /** A plain result line on stdout. */
  static int say(CommandSpec spec, String line) {
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
    return 0;
  }

  static String status(Optional<Instant> revokedAt) {
    return revokedAt.isPresent() ? "revoked" : "active";
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
