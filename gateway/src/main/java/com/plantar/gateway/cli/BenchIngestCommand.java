package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.processing.ProcessingConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.simulator.load.IngestLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar bench ingest}: the same load (QoS 1 DATA frames of simulated insoles, ramped) against
 * the gateway's full pipeline (decode, dedup, journal with fsync, processing, embedded store, acks)
 * and against Mosquitto relaying to one subscriber, in one run, on 127.0.0.1 only; {@code --runs N}
 * repeats both ramps N times and prints the medians. A step is sustainable when at least 97 % of the
 * offered frames are acknowledged within the step, the p99 publish→PUBACK latency stays under one
 * second, and (gateway) processing is less than one second of frames behind at the step's end.
 * Each step also measures the server's CPU and memory and, for the gateway, the heel strike →
 * queryable stride latency of a few wearers walking beside the load ({@link StrideLatencyProbe}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (run by hand, not in CI).",
    subcommands = BenchIngestCommand.Ingest.class)
public final class BenchIngestCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Gateway pipeline vs Mosquitto under the same ramped insole load, in one run.")
  static final class Ingest implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--insoles", split = ",", defaultValue = "1000,2500,5000,10000",
        description = "Ramp: insoles at 100 Hz, 25 samples per frame (4 frames/s each). Default: ${DEFAULT-VALUE}.")
    List<Integer> steps;

    @Option(names = "--step", defaultValue = "10s", converter = SimulateCommand.DurationConverter.class,
        description = "Length of each step. Default: ${DEFAULT-VALUE}.")
    Duration step;

    @Option(names = "--warmup", defaultValue = "20s", converter = SimulateCommand.DurationConverter.class,
        description = "Unmeasured load at the first step's rate before each target's ramp, so that the JIT has"
            + " compiled the hot paths (a server runs for days; 0s: none). Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "8", description = "Publisher connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--runs", defaultValue = "1",
        description = "Rounds of both ramps; the table shows medians over them. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--processing-shards", defaultValue = "0",
        description = "Gateway processing threads (0: one per core). Default: ${DEFAULT-VALUE}.")
    int processingShards;

    @Option(names = "--probe-wearers", defaultValue = "1",
        description = "Wearers walking in real time beside each gateway step for the heel strike → stride"
            + " latency (0: off). Default: ${DEFAULT-VALUE}.")
    int probeWearers;

    /** One measured step. {@code heelToStride} is {p50, p99, count} in ms (gateway only). */
    record Row(int run, String target, int insoles, IngestLoad.Result result, long lagFrames, boolean sustainable,
        ResourceMeter.Usage usage, double[] heelToStride) {}

    private long idBase = 0x7000_0000_0000_0000L;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path work = Files.createTempDirectory("plantar-bench");
      List<Row> rows = new ArrayList<>();
      ProcessingConfig processing = processingShards > 0
          ? ProcessingConfig.defaults().withShards(processingShards) : ProcessingConfig.defaults();
      out.printf(Locale.ROOT, "plantar bench ingest: steps %s insoles, %d s each after %d s of warm-up, %d connections,"
          + " %d run(s), %d processing shards, %d cores, 127.0.0.1%n", steps, step.toSeconds(), warmup.toSeconds(),
          connections, runs, processing.shards(), Runtime.getRuntime().availableProcessors());
      out.flush();
      for (int run = 1; run <= runs; run++) {
        Path dir = work.resolve("run-" + run);
        GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
            Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
                "http.port", "-1", "dataDir", dir.resolve("gateway").toString()));
        try (Gateway gateway = Gateway.start(config, true, Optional.empty(), Gateway.embeddedStore(config),
            processing)) {
          ramp(run, "plantar", gateway.mqtt().port(), rows, out,
              () -> gateway.journal().durableIndex() - gateway.processor().processedIndex(), -1, gateway);
        }
        try (BenchMosquitto mosquitto = BenchMosquitto.start(dir.resolve("mosquitto"))) {
          MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + mosquitto.port, "bench-subscriber",
              new MemoryPersistence());
          LongAdder relayed = new LongAdder();
          MqttConnectOptions options = new MqttConnectOptions();
          options.setMaxInflight(1000);
          subscriber.connect(options);
          subscriber.subscribe("insole/#", 0, (topic, message) -> relayed.increment());
          ramp(run, "mosquitto", mosquitto.port, rows, out, () -> 0, mosquitto.pid(), null);
          subscriber.disconnect();
          subscriber.close();
          out.println("  mosquitto relayed " + relayed.sum() + " frames to its subscriber");
        } catch (IOException e) {
          out.println("mosquitto not measured: " + e.getMessage() + " (apt-get install mosquitto)");
        }
      }
      print(rows, out);
      return 0;
    }

    /**
     * Steps up until one is not sustainable. {@code lag} is what the target has accepted but not yet
     * processed (the gateway's journal lag): more than one second of frames at the step's end means
     * processing does not keep up, however fast the acks are.
     */
    private void ramp(int run, String target, int port, List<Row> rows, PrintWriter out, LongSupplier lag,
        long serverPid, Gateway gateway) throws Exception {
      warmUp(target, port, out, lag);
      for (int insoles : steps) {
        ResourceMeter meter = new ResourceMeter(serverPid);
        StrideLatencyProbe probe = gateway != null && probeWearers > 0
            ? new StrideLatencyProbe(port, gateway.store(), probeWearers, idBase + 500_000) : null;
        IngestLoad.Result result;
        double[] heelToStride = {Double.NaN, Double.NaN, 0};
        try {
          result = IngestLoad.run("127.0.0.1", port, "bench", connections, insoles, idBase, insoles * 4.0, step,
              meter::start);
        } finally {
          if (probe != null) {
            heelToStride = probe.finish();
          }
        }
        idBase += 1_000_000;
        long lagFrames = lag.getAsLong();
        ResourceMeter.Usage usage = meter.stop();
        boolean sustainable = result.ackedFramesPerSecond() >= 0.97 * result.offeredFramesPerSecond()
            && result.offeredFramesPerSecond() >= 0.9 * insoles * 4 && result.p99Millis() < 1000
            && lagFrames <= insoles * 4;
        rows.add(new Row(run, target, insoles, result, lagFrames, sustainable, usage, heelToStride));
        out.printf(Locale.ROOT, "  run %d %-9s %6d insoles: offered %8.0f frames/s, acked %8.0f, p50 %7.2f ms,"
            + " p99 %8.2f ms, lag %d frames, server CPU %.0f %%, %s%s%s%n", run, target, insoles,
            result.offeredFramesPerSecond(), result.ackedFramesPerSecond(), result.p50Millis(), result.p99Millis(),
            lagFrames, usage.serverCpuPct(), memory(usage),
            probe == null ? "" : heelToStride[2] == 0 ? ", no stride seen by the probe"
                : String.format(Locale.ROOT, ", heel strike→stride p99 %.0f ms (%d strides)", heelToStride[1],
                    (long) heelToStride[2]),
            sustainable ? "" : "  (not sustainable)");
        out.flush();
        if (!sustainable) {
          return;
        }
      }
    }

    /**
     * Runs the first step's load unmeasured, then waits (at most one more warm-up period) for the target
     * to process what it accepted, so that the first measured step starts from an idle, compiled server.
     */
    private void warmUp(String target, int port, PrintWriter out, LongSupplier lag) throws Exception {
      if (warmup.isZero() || steps.isEmpty()) {
        return;
      }
      int insoles = steps.get(0);
      IngestLoad.Result result = IngestLoad.run("127.0.0.1", port, "bench", connections, insoles, idBase,
          insoles * 4.0, warmup, () -> { });
      idBase += 1_000_000;
      long deadline = System.nanoTime() + warmup.toNanos();
      while (lag.getAsLong() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      out.printf(Locale.ROOT, "  warm-up   %-9s %6d insoles for %d s: acked %8.0f frames/s, lag %d frames after it%n",
          target, insoles, warmup.toSeconds(), result.ackedFramesPerSecond(), lag.getAsLong());
      out.flush();
    }

    private static String memory(ResourceMeter.Usage usage) {
      if (usage.heapMax() > 0) {
        return String.format(Locale.ROOT, "heap after GC %d/%d MiB", usage.heapUsedAfterGc() >> 20,
            usage.heapMax() >> 20);
      }
      return usage.rssBytes() > 0 ? String.format(Locale.ROOT, "RSS %d MiB", usage.rssBytes() >> 20) : "memory ?";
    }

    private void print(List<Row> rows, PrintWriter out) {
      out.println();
      out.printf(Locale.ROOT, "Medians over %d run(s); server CPU and JVM CPU in %% of %d cores;"
          + " memory: gateway heap used after a full GC / max heap, Mosquitto RSS.%n", runs,
          Runtime.getRuntime().availableProcessors());
      out.println("| target | insoles @100 Hz | sustainable (runs) | frames/s offered | frames/s acked | samples/s acked"
          + " | p50 ms | p99 ms | lag (frames) | server CPU % | JVM CPU % | memory MiB | heel strike→stride p50 / p99 ms |");
      out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      Map<String, List<Row>> byStep = new LinkedHashMap<>();
      rows.stream().sorted((a, b) -> a.target().equals(b.target()) ? Integer.compare(a.insoles(), b.insoles())
              : a.target().equals("plantar") ? -1 : 1)
          .forEach(row -> byStep.computeIfAbsent(row.target() + "/" + row.insoles(), k -> new ArrayList<>()).add(row));
      for (List<Row> step : byStep.values()) {
        Row first = step.get(0);
        long sustainable = step.stream().filter(Row::sustainable).count();
        boolean gateway = first.target().equals("plantar");
        String memory = gateway
            ? String.format(Locale.ROOT, "%.0f / %.0f", median(step, r -> r.usage().heapUsedAfterGc() / 1048576.0),
                median(step, r -> r.usage().heapMax() / 1048576.0))
            : String.format(Locale.ROOT, "%.0f (RSS)", median(step, r -> r.usage().rssBytes() / 1048576.0));
        double latencyP50 = median(step, r -> r.heelToStride()[0]);
        String latency = gateway && probeWearers > 0 && !Double.isNaN(latencyP50)
            ? String.format(Locale.ROOT, "%.0f / %.0f", latencyP50, median(step, r -> r.heelToStride()[1]))
            : gateway && probeWearers > 0 ? "– (no stride)" : "–";
        out.printf(Locale.ROOT, "| %s | %d | %s %d/%d | %.0f | %.0f | %.0f | %.2f | %.2f | %.0f | %.0f | %.0f | %s | %s |%n",
            first.target(), first.insoles(), sustainable * 2 > step.size() ? "yes" : "no", sustainable, step.size(),
            median(step, r -> r.result().offeredFramesPerSecond()), median(step, r -> r.result().ackedFramesPerSecond()),
            median(step, r -> r.result().ackedFramesPerSecond() * IngestLoad.SAMPLES_PER_FRAME),
            median(step, r -> r.result().p50Millis()), median(step, r -> r.result().p99Millis()),
            median(step, r -> (double) r.lagFrames()), median(step, r -> r.usage().serverCpuPct()),
            median(step, r -> r.usage().jvmCpuPct()), memory, latency);
      }
      List<Double> ratios = new ArrayList<>();
      List<Double> plantarMax = new ArrayList<>();
      List<Double> mosquittoMax = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        double plantar = best(rows, run, "plantar");
        double mosquitto = best(rows, run, "mosquitto");
        plantarMax.add(plantar);
        mosquittoMax.add(mosquitto);
        ratios.add(mosquitto > 0 ? plantar / mosquitto : Double.NaN);
        out.printf(Locale.ROOT, "%nrun %d: sustainable maximum plantar %.0f frames/s (%.0f insoles), mosquitto %.0f"
            + " frames/s (%.0f insoles); ratio %.2f", run, plantar, plantar / 4, mosquitto, mosquitto / 4,
            ratios.get(ratios.size() - 1));
      }
      out.printf(Locale.ROOT, "%n%nmedian sustainable maximum: plantar %.0f frames/s (%.0f insoles), mosquitto %.0f"
          + " frames/s (%.0f insoles); median ratio plantar/mosquitto %.2f%n", medianOf(plantarMax),
          medianOf(plantarMax) / 4, medianOf(mosquittoMax), medianOf(mosquittoMax) / 4, medianOf(ratios));
      out.flush();
    }

    private static double best(List<Row> rows, int run, String target) {
      return rows.stream().filter(r -> r.run() == run && r.target().equals(target) && r.sustainable())
          .mapToDouble(r -> r.result().ackedFramesPerSecond()).max().orElse(0);
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> value) {
      return medianOf(rows.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    private static double medianOf(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
          .toArray();
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int mid = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
  }
}
