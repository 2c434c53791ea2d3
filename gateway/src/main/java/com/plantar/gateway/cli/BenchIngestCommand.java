package com.plantar.gateway.cli;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.simulator.load.IngestLoad;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar bench ingest}: the same load (QoS 1 DATA frames of simulated insoles, ramped) against
 * the gateway's full pipeline (decode, dedup, journal with fsync, processing, embedded store, acks)
 * and against Mosquitto relaying to one subscriber, in one run, on 127.0.0.1 only; prints one table.
 * A step is sustainable when at least 97 % of the offered frames are acknowledged within the step
 * and the p99 publish→PUBACK latency stays under one second.
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

    @Option(names = "--connections", defaultValue = "8", description = "Publisher connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    record Row(String target, int insoles, IngestLoad.Result result, long lagFrames, boolean sustainable) {}

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path work = Files.createTempDirectory("plantar-bench");
      List<Row> rows = new ArrayList<>();
      out.println("plantar bench ingest: steps " + steps + " insoles, " + step.toSeconds() + " s each, "
          + connections + " connections, 127.0.0.1");
      out.flush();
      GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
          Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
              "http.port", "-1", "dataDir", work.resolve("gateway").toString()));
      try (Gateway gateway = Gateway.start(config, true)) {
        ramp("plantar", "127.0.0.1", gateway.mqtt().port(), rows, out,
            () -> gateway.journal().durableIndex() - gateway.processor().processedIndex());
      }
      try (Mosquitto mosquitto = Mosquitto.start(work.resolve("mosquitto"))) {
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + mosquitto.port, "bench-subscriber",
            new MemoryPersistence());
        LongAdder relayed = new LongAdder();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        subscriber.connect(options);
        subscriber.subscribe("insole/#", 0, (topic, message) -> relayed.increment());
        ramp("mosquitto", "127.0.0.1", mosquitto.port, rows, out, () -> 0);
        subscriber.disconnect();
        subscriber.close();
        out.println("mosquitto relayed " + relayed.sum() + " frames to its subscriber");
      } catch (IOException e) {
        out.println("mosquitto not measured: " + e.getMessage() + " (apt-get install mosquitto)");
      }
      print(rows, out);
      return 0;
    }

    /**
     * Steps up until one is not sustainable. {@code lag} is what the target has accepted but not yet
     * processed (the gateway's journal lag): more than one second of frames at the step's end means
     * processing does not keep up, however fast the acks are.
     */
    private void ramp(String target, String host, int port, List<Row> rows, PrintWriter out, LongSupplier lag)
        throws Exception {
      long idBase = 0x7000_0000_0000_0000L + rows.size() * 1_000_000L;
      for (int insoles : steps) {
        IngestLoad.Result result = IngestLoad.run(host, port, "bench", connections, insoles, idBase, insoles * 4.0,
            step);
        idBase += insoles;
        long lagFrames = lag.getAsLong();
        boolean sustainable = result.ackedFramesPerSecond() >= 0.97 * result.offeredFramesPerSecond()
            && result.offeredFramesPerSecond() >= 0.9 * insoles * 4 && result.p99Millis() < 1000
            && lagFrames <= insoles * 4;
        rows.add(new Row(target, insoles, result, lagFrames, sustainable));
        out.printf(Locale.ROOT, "  %-9s %6d insoles: offered %8.0f frames/s, acked %8.0f, p50 %7.2f ms, p99 %8.2f ms,"
            + " processing lag %d frames%s%n", target, insoles, result.offeredFramesPerSecond(),
            result.ackedFramesPerSecond(), result.p50Millis(), result.p99Millis(), lagFrames,
            sustainable ? "" : "  (not sustainable)");
        out.flush();
        if (!sustainable) {
          return;
        }
      }
    }

    private static void print(List<Row> rows, PrintWriter out) {
      out.println();
      out.println("| target | insoles @100 Hz offered | frames/s offered | frames/s acked | samples/s acked | p50 ms | p99 ms | lag (frames) | sustainable |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
      for (Row row : rows) {
        IngestLoad.Result r = row.result();
        out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %d | %s |%n", row.target(), row.insoles(),
            r.offeredFramesPerSecond(), r.ackedFramesPerSecond(), r.ackedFramesPerSecond() * IngestLoad.SAMPLES_PER_FRAME,
            r.p50Millis(), r.p99Millis(), row.lagFrames(), row.sustainable() ? "yes" : "no");
      }
      double plantar = best(rows, "plantar");
      double mosquitto = best(rows, "mosquitto");
      out.printf(Locale.ROOT, "%nsustainable maximum: plantar %.0f frames/s (%.0f insoles), mosquitto %.0f frames/s"
          + " (%.0f insoles); ratio plantar/mosquitto %.2f%n", plantar, plantar / 4, mosquitto, mosquitto / 4,
          mosquitto > 0 ? plantar / mosquitto : Double.NaN);
      out.flush();
    }

    private static double best(List<Row> rows, String target) {
      return rows.stream().filter(r -> r.target().equals(target) && r.sustainable())
          .mapToDouble(r -> r.result().ackedFramesPerSecond()).max().orElse(0);
    }
  }

  /** Mosquitto on a free loopback port with a config of its own; ended by its PID. */
  private static final class Mosquitto implements AutoCloseable {
    final Process process;
    final int port;

    private Mosquitto(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Mosquitto start(Path dir) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Path conf = dir.resolve("mosquitto.conf");
      Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
          + "max_inflight_messages 0\nmax_queued_messages 100000\nset_tcp_nodelay true\nuser root\n");
      String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
      Process process = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new Mosquitto(process, port);
        } catch (IOException e) {
          if (!process.isAlive()) {
            throw new IOException("mosquitto exited with " + process.exitValue());
          }
          Thread.sleep(50); // not listening yet: mosquitto gives no other sign of readiness
        }
      }
      process.destroy();
      throw new IOException("mosquitto did not start");
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
