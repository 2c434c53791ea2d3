package com.plantar.gateway.cli;

import com.plantar.gait.GaitSummary;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.demo.DemoRun;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.store.StoreConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar demo}: the gateway on the embedded default with a fleet of simulated wearers and one
 * wearer's weeks of history, in one process; prints where to look and, every few seconds, what the
 * gait engine makes of each wearer. Stops cleanly on Ctrl-C (or after {@code --duration}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the gateway with simulated insoles (live fleet + weeks of history).")
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--wearers", defaultValue = "4", description = "Live simulated wearers (two insoles each). Default: ${DEFAULT-VALUE}.")
  int wearers;

  @Option(names = "--history-days", defaultValue = "28",
      description = "Days of history for the wearer with an orthotic fitted halfway (0: none). Default: ${DEFAULT-VALUE}.")
  int historyDays;

  @Option(names = "--duration", defaultValue = "0", converter = SimulateCommand.DurationConverter.class,
      description = "Stop after this long (0: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--report-every", defaultValue = "10s", converter = SimulateCommand.DurationConverter.class,
      description = "How often to print the wearers' latest gait. Default: ${DEFAULT-VALUE}.")
  Duration reportEvery;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ServerOptions.Startup> startup = server.prepare("plantar demo", err);
    if (startup.isEmpty()) {
      return 1;
    }
    GatewayConfig config = startup.get().config();
    StoreConfig storeConfig = startup.get().store();
    Gateway gateway = Gateway.start(config, false, Optional.empty(), storeConfig);
    DemoRun demo = DemoRun.start(gateway, wearers, historyDays);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        demo.close();
        gateway.close();
      } finally {
        stopped.countDown();
      }
    }, "plantar-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    printWhereToLook(out, config, gateway, demo);
    long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end && !stopped.await(Math.min(reportEvery.toMillis(),
        Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
      report(out, gateway, demo);
    }
    if (stopped.getCount() > 0) {
      // --duration elapsed: stop as Ctrl-C would, without waiting for the JVM to exit.
      Runtime.getRuntime().removeShutdownHook(hook);
      report(out, gateway, demo);
      hook.run();
    }
    out.println("plantar demo: stopped; data kept in " + config.dataDir());
    out.flush();
    return 0;
  }

  private void printWhereToLook(PrintWriter out, GatewayConfig config, Gateway gateway, DemoRun demo) {
    String http = gateway.http() == null ? null : "http://127.0.0.1:" + gateway.http().port();
    out.println("Plantar demo is running. Data in " + config.dataDir() + "; Ctrl-C stops it.");
    out.println("  MQTT        tcp://127.0.0.1:" + gateway.mqtt().port()
        + "   (registry auth: `plantar devices list --data-dir " + config.dataDir() + "`)");
    if (http != null) {
      out.println("  Dashboard   " + http + "/   sign in as " + demo.physioUsername() + " / " + demo.physioPassword()
          + "   (a new password at every start)");
      out.println("  API         " + http + "/api/openapi.json");
      out.println("  Metrics     " + http + "/metrics");
      out.println("  Health      " + http + "/health");
    }
    out.printf(Locale.ROOT, "  Simulated   %d wearers walking live (tenant %s), and %s with %d days of history,%n"
        + "              orthotic fitted on %s (uploaded as a backlog sync)%n", wearers, DemoRun.TENANT,
        "hub-history", historyDays, demo.orthoticFitted());
    out.println("  Below, every " + reportEvery.toSeconds() + " s, each wearer's latest 10 s gait window.");
    out.flush();
  }

  private static void report(PrintWriter out, Gateway gateway, DemoRun demo) {
    out.println(demo.fleetStatus().line());
    out.printf(Locale.ROOT, "  journal %d records, processed %d; strides %d; history %s%n",
        gateway.journal().durableIndex(), gateway.processor().processedIndex(), gateway.latest().strides(),
        demo.historyStatus());
    Map<WearerRef, GaitSummary> windows = gateway.latest().windows();
    windows.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().wearerId())).forEach(e -> {
      GaitSummary w = e.getValue();
      out.printf(Locale.ROOT, "  %-24s cadence %5s steps/min   load L/R %4s/%4s %%   strides L %d R %d%n",
          e.getKey().wearerId(), shown(w.cadenceStepsPerMin()), shown(w.leftLoadSharePct()),
          shown(w.rightLoadSharePct()), w.leftStrides(), w.rightStrides());
    });
    out.flush();
  }

  /** One decimal, or a dash where the window had nothing to measure (no steps, no load). */
  private static String shown(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }
}
