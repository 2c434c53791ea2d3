package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** README command 1, short: the demo starts, simulated wearers walk through the gateway, it stops. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoRunsWearersThroughTheGatewayAndStopsByItself() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute("demo", "--data-dir", dir.toString(), "--mqtt-port", "0", "--mqtts-port", "-1",
        "--http-port", "0", "--wearers", "2", "--history-days", "2", "--duration", "25s", "--report-every", "12s");

    String text = out.toString();
    assertThat(exit).isZero();
    assertThat(text).contains("Plantar demo is running").contains("/metrics").contains("MQTT        tcp://127.0.0.1:");
    // Both live wearers (each a hub with two insoles) show a cadence with both feet's load shares.
    assertThat(text).containsPattern("hub-[0-9a-f]{16} +cadence +\\d+\\.\\d steps/min +load L/R +\\d+\\.\\d/ ?\\d+\\.\\d %");
    assertThat(text).contains("history").contains("done");
    assertThat(text).containsPattern("Dashboard   http://127\\.0\\.0\\.1:\\d+/   sign in as demo-physio / \\S{16}");
    assertThat(text).contains("plantar demo: stopped");
  }
}
