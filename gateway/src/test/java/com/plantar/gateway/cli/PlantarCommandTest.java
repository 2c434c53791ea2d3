package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-option")).isEqualTo(2);
  }
}
