package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.TestRegistries;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {
  private static final String LEFT = "00000000000000a1";

  @TempDir Path dataDir;

  private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), new SecureRandom());

  private CliRun run(Object command, String... args) {
    return CliRun.of(command,
        Stream.concat(Stream.of("--data-dir", dataDir.toString()), Stream.of(args)).toArray(String[]::new));
  }

  private CliRun users(String... args) {
    return run(new UsersCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE)), hasher), args);
  }

  private Registry registry() {
    return TestRegistries.open(dataDir.resolve(RegistryOpener.DB_FILE));
  }

  @BeforeEach
  void registerAWearer() {
    try (Registry registry = registry()) {
      registry.addDevice("acme", LEFT, com.plantar.gateway.registry.Side.L, "PL-16");
      registry.addHub("acme", "phone-1");
      registry.pair("phone-1", LEFT);
    }
  }

  @Test
  void addPrintsAGeneratedPasswordOnceAndStoresOnlyItsArgon2idHash() {
    CliRun add = users("add", "--role", "physio", "ana");
    assertThat(add.exitCode()).isZero();
    String password = add.outLines().get(0);
    assertThat(password).hasSize(20);
    assertThat(add.err()).contains("shown only this once");
    try (Registry registry = registry()) {
      String stored = registry.accounts().passwordHash("ana").orElseThrow();
      assertThat(stored).startsWith("$argon2id$").doesNotContain(password);
      assertThat(hasher.verify(password, stored)).isTrue();
    }
  }

  @Test
  void assignListAndResetPassword() {
    users("add", "--role", "physio", "ana");
    users("add", "--role", "wearer", "--wearer", "phone-1", "wim");
    assertThat(users("assign", "ana", "phone-1").outLines()).containsExactly("assigned wearer phone-1 to ana");
    assertThat(users("assign", "ana", "phone-1").outLines()).containsExactly("ana was already assigned wearer phone-1");
    assertThat(users("list").outLines()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("ana\tphysio\t-\t")
        .endsWith("\tphone-1")).anySatisfy(line -> assertThat(line).startsWith("wim\twearer\tphone-1\t"));
    String before;
    try (Registry registry = registry()) {
      before = registry.accounts().passwordHash("ana").orElseThrow();
    }
    CliRun reset = users("reset-password", "ana");
    assertThat(reset.exitCode()).isZero();
    try (Registry registry = registry()) {
      assertThat(hasher.verify(reset.outLines().get(0), registry.accounts().passwordHash("ana").orElseThrow())).isTrue();
      assertThat(registry.accounts().passwordHash("ana")).isNotEqualTo(java.util.Optional.of(before));
    }
  }

  @Test
  void refusalsAreOneLineAndExitOne() {
    assertThat(users("add", "--role", "boss", "ana").err()).contains("role must be admin, physio or wearer");
    assertThat(users("add", "--role", "wearer", "--wearer", "phone-9", "wim").exitCode()).isEqualTo(1);
    assertThat(users("add", "--role", "physio", "Not Valid").err()).contains("user name must be");
    users("add", "--role", "admin", "root1");
    CliRun assignAdmin = users("assign", "root1", "phone-1");
    assertThat(assignAdmin.exitCode()).isEqualTo(1);
    assertThat(assignAdmin.err()).contains("only physiotherapists");
    assertThat(users("reset-password", "nobody").err()).contains("does not exist");
  }
}
