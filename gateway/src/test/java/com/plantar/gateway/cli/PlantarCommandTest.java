package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlantarCommandTest {

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setOut(new PrintWriter(out));
    return cli.execute(args);
  }

  @Test
  void versionNamesTheBuiltVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("plantar ").doesNotContain("${").doesNotContain("unknown");
  }

  @Test
  void helpListsTheCommandName() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: plantar").contains("--version");
  }

  @Test
  void helpListsTheRegistryCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("devices").contains("hubs");
  }

  @Test
  void registersADeviceWithTheProductionHasherThroughTheMainCommand(@TempDir Path dataDir) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exitCode = cli.execute(
        "devices", "add", "--data-dir", dataDir.toString(), "--tenant", "acme", "--side", "R", "--model", "PL-16", "00000000000000a1");

    assertThat(exitCode).isZero();
    assertThat(err.toString()).contains("shown only this once");
    assertThat(dataDir.resolve("registry.db")).isRegularFile();
    assertThat(run("devices", "list", "--data-dir", dataDir.toString())).isZero();
    assertThat(out.toString()).contains("00000000000000a1\tacme\tR\tPL-16\tactive\t");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-option")).isEqualTo(2);
  }
}
