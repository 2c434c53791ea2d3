package com.plantar.gateway.bench.cluster;

import com.plantar.gateway.cluster.ClusterCounters;
import com.plantar.gateway.cluster.KafkaTopics;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.processing.ProcessingConfig;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.server.ProcessorNode;
import com.plantar.gateway.store.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Single-node mode (journal) against Kafka mode (edge → one real KRaft broker → {@code plantar
 * process}'s consumer group), in one run on 127.0.0.1, with the same insole load ({@code
 * IngestLoad}); run by {@code scripts/bench-cluster}, never by the test suite. Per run:
 * <ol>
 *   <li>the produce-path race ({@link ProducePathRace}): {@code KafkaFrameLog} ÷ a plain producer;
 *   <li>both modes ramped (order alternating between runs) until their acks stop keeping up, each
 *       step measuring frames/s, PUBACK p50/p99, processing backlog growth and CPU-seconds per
 *       million samples of ingest, processing and the broker ({@link ModeStep});
 *   <li>in Kafka mode, a longer step at half of the highest step whose acks kept up, for the PUBACK
 *       latency.
 * </ol>
 * The tables print the medians over {@code --runs}.
 */
@Command(name = "bench-cluster", mixinStandardHelpOptions = true,
    description = "Single-node (journal) vs Kafka mode, and KafkaFrameLog vs a plain producer, in one run.")
public final class ClusterBench implements Callable<Integer> {
  @Option(names = "--insoles", split = ",", defaultValue = "50,100,250,500,1000,2000,4000,8000",
      description = "Ramp: insoles at 100 Hz (4 frames/s each). Default: ${DEFAULT-VALUE}.")
  List<Integer> steps;

  @Option(names = "--step", defaultValue = "10", description = "Seconds per ramp step. Default: ${DEFAULT-VALUE}.")
  int stepSeconds;

  @Option(names = "--latency-step", defaultValue = "20",
      description = "Seconds of the Kafka-mode PUBACK latency step at half load. Default: ${DEFAULT-VALUE}.")
  int latencySeconds;

  @Option(names = "--runs", defaultValue = "3", description = "Runs; tables show medians. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--connections", defaultValue = "8", description = "Publisher connections. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(names = "--race-frames", defaultValue = "100000",
      description = "Frames per side of the produce-path race. Default: ${DEFAULT-VALUE}.")
  int raceFrames;

  @Option(names = "--partitions", defaultValue = "16", description = "Frames topic partitions. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--processor-threads", defaultValue = "0",
      description = "plantar process threads (0: one per core, as its default). Default: ${DEFAULT-VALUE}.")
  int processorThreads;

  @Option(names = "--broker-heap", defaultValue = "1g", description = "Broker JVM heap. Default: ${DEFAULT-VALUE}.")
  String brokerHeap;

  private long idBase = 0x7200_0000_0000_0000L;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    // The clients' retry warnings (e.g. NOT_LEADER while a new topic's partitions are warmed up) are
    // expected here and would bury the table; errors still print.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = processorThreads > 0 ? processorThreads : cores;
    Path work = Files.createTempDirectory("plantar-bench-cluster");
    out.printf(Locale.ROOT, "bench-cluster: steps %s insoles, %d s each, %d connections, %d run(s), %d cores,"
        + " %d partitions, %d processor threads, load average %s, work dir %s%n", steps, stepSeconds, connections,
        runs, cores, partitions, threads, loadAverage(), work);
    List<ModeStep> rows = new ArrayList<>();
    List<ProducePathRace.Result> races = new ArrayList<>();
    List<ModeStep> latency = new ArrayList<>();
    long started = System.nanoTime();
    try (BenchBroker broker = BenchBroker.start(work.resolve("broker"), brokerHeap)) {
      out.printf(Locale.ROOT, "Kafka: one KRaft broker+controller (child process %d, -Xmx%s) at %s, topics RF 1,"
          + " min.insync.replicas 1, started in %.1f s%n", broker.pid(), brokerHeap, broker.bootstrapServers(),
          (System.nanoTime() - started) / 1e9);
      for (int run = 1; run <= runs; run++) {
        Path dir = work.resolve("run-" + run);
        KafkaConfig kafka = KafkaConfig.DEFAULTS.withBootstrapServers(broker.bootstrapServers())
            .withTopics("bench-" + run + ".frames", "bench-" + run + ".context", partitions, 1, 1)
            .withGroup("bench-gait-" + run, "");
        KafkaConfig raceTopic = kafka.withTopics("race-" + run + ".frames", "race-" + run + ".context",
            partitions, 1, 1);
        KafkaTopics.ensure(raceTopic);
        ProducePathRace.Result race = new ProducePathRace(raceTopic).run(raceFrames, run % 2 == 1);
        races.add(race);
        out.printf(Locale.ROOT, "run %d produce path: KafkaFrameLog %.0f frames/s, plain producer %.0f frames/s,"
            + " ratio %.2f%n", run, race.frameLogPerSecond(), race.plainPerSecond(), race.ratio());
        if (run % 2 == 1) {
          singleNode(run, dir, rows, out);
          kafkaMode(run, dir, kafka, threads, broker.pid(), rows, latency, out);
        } else {
          kafkaMode(run, dir, kafka, threads, broker.pid(), rows, latency, out);
          singleNode(run, dir, rows, out);
        }
      }
    }
    out.printf(Locale.ROOT, "load average at the end %s, %.0f s in all%n", loadAverage(),
        (System.nanoTime() - started) / 1e9);
    new BenchReport(runs, steps, rows, races, latency).print(out);
    deleteRecursively(work); // broker log and stores of every run: gigabytes after a long ramp
    return 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private GatewayConfig gatewayConfig(Path dataDir, Map<String, String> extra) throws IOException {
    Map<String, String> values = new HashMap<>(Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0",
        "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1", "http.port", "-1", "dataDir", dataDir.toString()));
    values.putAll(extra);
    return new ConfigLoader().load(Optional.empty(), Map.of(), values);
  }

  /** The gateway as {@code serve --open} runs it: journal, processing shards, embedded store. */
  private void singleNode(int run, Path dir, List<ModeStep> rows, PrintWriter out) throws Exception {
    GatewayConfig config = gatewayConfig(dir.resolve("single-node"), Map.of());
    try (Gateway gateway = Gateway.start(config, true, Optional.empty(), Gateway.embeddedStore(config),
        ProcessingConfig.defaults())) {
      ramp(run, "single-node", gateway.mqtt().port(), -1, rows, out,
          () -> gateway.journal().durableIndex(), () -> gateway.processor().processedIndex());
    }
  }

  /**
   * An edge ({@code serve --open} with {@code ingest.log: kafka}) and {@code plantar process}
   * ({@link ProcessorNode}: consumer group, embedded store of its own as in the fault tests), both in
   * this JVM, and the broker process.
   */
  private void kafkaMode(int run, Path dir, KafkaConfig kafka, int threads, long brokerPid, List<ModeStep> rows,
      List<ModeStep> latency, PrintWriter out) throws Exception {
    GatewayConfig config = gatewayConfig(dir.resolve("edge"), Map.of("ingest.log", "kafka",
        "kafka.bootstrapServers", kafka.bootstrapServers(), "kafka.topic", kafka.topic(),
        "kafka.contextTopic", kafka.contextTopic()));
    try (ProcessorNode processor = ProcessorNode.start(kafka, StoreConfig.questDb(dir.resolve("processor-store")),
            threads, "bench-" + run);
        Gateway edge = Gateway.start(config, true)) {
      ClusterCounters counters = processor.counters();
      var frameLog = edge.frameLog().orElseThrow();
      awaitAssignment(counters, out);
      List<ModeStep> mine = ramp(run, "kafka", edge.mqtt().port(), brokerPid, rows, out, frameLog::sentFrames,
          () -> counters.processed() + counters.replayed() + counters.duplicates());
      int best = mine.stream().filter(ModeStep::acksKeepUp).mapToInt(ModeStep::insoles).max().orElse(0);
      if (best >= 2) {
        ModeStep half = ModeStep.measure(run, "kafka", best / 2, edge.mqtt().port(), connections, nextIds(),
            Duration.ofSeconds(latencySeconds), brokerPid, frameLog::sentFrames,
            () -> counters.processed() + counters.replayed() + counters.duplicates());
        latency.add(half);
        out.printf(Locale.ROOT, "  run %d kafka PUBACK latency at half of %d insoles (%d insoles, %.0f frames/s"
            + " acked, %d s): p50 %.2f ms, p99 %.2f ms%n", run, best, half.insoles(), half.load().ackedFramesPerSecond(),
            latencySeconds, half.load().p50Millis(), half.load().p99Millis());
      }
      out.printf(Locale.ROOT, "  run %d kafka processor: processed %d, replayed %d, duplicates %d, out-of-order %d,"
          + " foreign %d%n", run, counters.processed(), counters.replayed(), counters.duplicates(),
          counters.outOfOrder(), counters.foreign());
    }
  }

  /** The consumer group's first assignment takes a few seconds; the ramp starts once every partition has an owner. */
  private void awaitAssignment(ClusterCounters counters, PrintWriter out) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(60).toNanos();
    while (counters.assignments() < partitions && System.nanoTime() < deadline) {
      Thread.sleep(100); // polling a counter of the partition owners; nothing to wait on
    }
    out.printf(Locale.ROOT, "  processor group: %d of %d partitions assigned after %.1f s%n", counters.assignments(),
        partitions, (System.nanoTime() - start) / 1e9);
  }

  /** Steps up until the acks no longer keep up; returns this ramp's steps. */
  private List<ModeStep> ramp(int run, String mode, int port, long brokerPid, List<ModeStep> rows, PrintWriter out,
      java.util.function.LongSupplier accepted, java.util.function.LongSupplier consumed) throws Exception {
    List<ModeStep> mine = new ArrayList<>();
    for (int insoles : steps) {
      ModeStep step = ModeStep.measure(run, mode, insoles, port, connections, nextIds(),
          Duration.ofSeconds(stepSeconds), brokerPid, accepted, consumed);
      mine.add(step);
      rows.add(step);
      out.printf(Locale.ROOT, "  run %d %-11s %5d insoles: offered %7.0f frames/s, acked %7.0f, p50 %7.2f ms,"
          + " p99 %8.2f ms, backlog +%d, CPU-s/M samples ingest %.3f processing %.3f broker %.3f, JVM CPU %.0f %%%s%n",
          run, mode, insoles, step.load().offeredFramesPerSecond(), step.load().ackedFramesPerSecond(),
          step.load().p50Millis(), step.load().p99Millis(), step.lagGrowth(), step.ingestPerMillion(),
          step.processingPerMillion(), step.brokerPerMillion(), step.jvmCpuPercent(),
          !step.acksKeepUp() ? "  (acks do not keep up)" : !step.keepsUp() ? "  (processing behind)" : "");
      if (!step.acksKeepUp()) {
        break;
      }
    }
    return mine;
  }

  private long nextIds() {
    long ids = idBase;
    idBase += 1_000_000;
    return ids;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
