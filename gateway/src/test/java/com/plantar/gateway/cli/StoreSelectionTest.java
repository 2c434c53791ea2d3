package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StoreSelectionTest {

  @Test
  void anUnknownStoreKindFailsFastNamingTheKey() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("serve", "--store", "cassandra", "--mqtt-port", "0", "--http-port", "-1", "--mqtts-port", "-1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("store").contains("questdb or influxdb");
  }
}
