package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.TestRegistries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCommandTest {

  private static final String A = "00000000000000a1";
  private static final String B = "00000000000000b2";

  @TempDir Path dataDir;

  private CliRun devices(String... args) {
    String[] withDir = Stream.concat(Stream.of("--data-dir", dataDir.toString()), Stream.of(args)).toArray(String[]::new);
    return CliRun.of(new DevicesCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE))), withDir);
  }

  private String storedHashOf(String deviceId) {
    try (Registry registry = TestRegistries.open(dataDir.resolve(RegistryOpener.DB_FILE))) {
      return registry.findCredential(deviceId).orElseThrow().secretHash();
    }
  }

  @Test
  void addPrintsOnlyTheTokenOnStdoutAndTheKeepItWarningOnStderr() {
    CliRun run = devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A);

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).singleElement().asString().matches("[A-Za-z0-9_-]{43}");
    assertThat(run.err()).contains(A).contains("shown only this once");
    assertThat(TestRegistries.hasher().matches(run.out().strip(), storedHashOf(A))).isTrue();
  }

  @Test
  void theTokenIsNeverWrittenToTheDatabaseFiles() throws IOException {
    String token = devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A).out().strip();
    String rotated = devices("rotate", A).out().strip();

    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as(file.toString()).doesNotContain(token).doesNotContain(rotated);
      }
    }
  }

  @Test
  void listPrintsOneTabSeparatedLinePerDevice() {
    devices("add", "--tenant", "beta", "--side", "R", "--model", "PL-16 rev B", B);
    devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A);
    devices("revoke", B);

    CliRun run = devices("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).containsExactly(
        A + "\tacme\tL\tPL-16\tactive\t2026-11-25T16:00:00Z",
        B + "\tbeta\tR\tPL-16 rev B\trevoked\t2026-11-25T16:00:00Z");
    assertThat(devices("list", "--tenant", "beta").outLines()).singleElement().asString().startsWith(B + "\t");
  }

  @Test
  void theDataDirectoryMayAlsoFollowTheSubcommand() {
    CliRun run = CliRun.of(new DevicesCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE))),
        "add", "--data-dir", dataDir.toString(), "--tenant", "acme", "--side", "L", "--model", "PL-16", A);

    assertThat(run.exitCode()).isZero();
    assertThat(devices("list").outLines()).singleElement().asString().startsWith(A);
  }

  @Test
  void revokeSaysWhatItDidAndIsIdempotent() {
    devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A);

    assertThat(devices("revoke", A)).isEqualTo(new CliRun(0, "revoked device " + A + "\n", ""));
    assertThat(devices("revoke", A)).isEqualTo(new CliRun(0, "device " + A + " was already revoked\n", ""));
  }

  @Test
  void rotatePrintsANewTokenAndRetiresTheOldOne() {
    String first = devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A).out().strip();

    CliRun run = devices("rotate", A);

    String second = run.out().strip();
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("shown only this once");
    assertThat(second).isNotEqualTo(first).matches("[A-Za-z0-9_-]{43}");
    assertThat(TestRegistries.hasher().matches(second, storedHashOf(A))).isTrue();
    assertThat(TestRegistries.hasher().matches(first, storedHashOf(A))).isFalse();
  }

  @Test
  void aRefusedOperationExitsWithOneAndSaysWhyOnStderr() {
    devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A);

    assertThat(devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", A))
        .isEqualTo(new CliRun(1, "", "plantar: device " + A + " is already registered\n"));
    assertThat(devices("revoke", B)).isEqualTo(new CliRun(1, "", "plantar: device " + B + " is not registered\n"));
    CliRun badId = devices("add", "--tenant", "acme", "--side", "L", "--model", "PL-16", "ABC");
    assertThat(badId.exitCode()).isEqualTo(1);
    assertThat(badId.err()).startsWith("plantar: device id must be 16 lower-case hex digits");
    assertThat(badId.out()).isEmpty();
  }

  @Test
  void aDataDirectoryThatCannotBeUsedIsReportedNotThrown() throws IOException {
    Path aFile = Files.writeString(dataDir.resolve("not-a-directory"), "x");

    CliRun run = CliRun.of(new DevicesCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE))),
        "list", "--data-dir", aFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("plantar: cannot open registry");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void missingOrInvalidOptionsAreUsageErrors() {
    assertThat(devices("add", "--side", "L", "--model", "PL-16", A).exitCode()).isEqualTo(2);
    assertThat(devices("add", "--tenant", "acme", "--side", "X", "--model", "PL-16", A).exitCode()).isEqualTo(2);
    assertThat(devices("list").outLines()).isEmpty();
  }
}
