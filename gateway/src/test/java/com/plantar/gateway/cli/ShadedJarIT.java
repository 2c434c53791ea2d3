package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code plantar.jar} as operators run it: proves the registry commands are in it and that
 * SQLite's native library loads from inside the shaded jar.
 */
class ShadedJarIT {

  private static final Path JAR = Path.of("target/plantar.jar");

  @TempDir Path dataDir;
  @TempDir Path nativeTmp;

  private record Run(int exitCode, String out, String err) {}

  private Run plantar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.sqlite.tmpdir=" + nativeTmp, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dataDir, "out", ".txt");
    Path err = Files.createTempFile(dataDir, "err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("plantar %s finished", List.of(args)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void registersAndListsADeviceFromTheShadedJar() throws Exception {
    Run add = plantar("devices", "add", "--data-dir", dataDir.toString(), "--tenant", "acme", "--side", "L", "--model",
        "PL-16", "00000000000000a1");
    Run list = plantar("devices", "list", "--data-dir", dataDir.toString());

    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).matches("[A-Za-z0-9_-]{43}\\R");
    assertThat(add.err()).contains("shown only this once");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("00000000000000a1\tacme\tL\tPL-16\tactive\t");
    assertThat(dataDir.resolve("registry.db")).isRegularFile();
  }
}
