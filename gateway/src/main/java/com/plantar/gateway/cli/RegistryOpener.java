package com.plantar.gateway.cli;

import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.SecretHasher;
import com.plantar.gateway.registry.TokenGenerator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Opens the registry for a registry command; tests pass one with a cheap hash iteration count. */
@FunctionalInterface
interface RegistryOpener {

  /** The registry file inside {@code --data-dir}. */
  String DB_FILE = "registry.db";

  RegistryOpener PRODUCTION = dataDir -> Registry.open(dataDir.resolve(DB_FILE),
      SecretHasher.withDefaultIterations(), new TokenGenerator(new SecureRandom()), Clock.systemUTC());

  Registry open(Path dataDir);
}
