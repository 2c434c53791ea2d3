package com.plantar.gateway.registry;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Real registries on real files for tests, with a cheap iteration count so tests stay fast. */
public final class TestRegistries {

  public static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Low on purpose: tests exercise the format and the logic, JMH measures the production count. */
  public static final int TEST_ITERATIONS = 1_000;

  private TestRegistries() {}

  public static SecretHasher hasher() {
    return new SecretHasher(new SecureRandom(), TEST_ITERATIONS);
  }

  public static Registry open(Path dbFile) {
    return Registry.open(dbFile, hasher(), new TokenGenerator(new SecureRandom()), CLOCK);
  }
}
