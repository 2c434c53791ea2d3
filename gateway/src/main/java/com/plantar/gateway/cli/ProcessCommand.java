package com.plantar.gateway.cli;

import com.plantar.gateway.cluster.ClusterCounters;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.server.ProcessorNode;
import com.plantar.gateway.store.StoreConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar process}: cluster mode's gait processing, a member of the Kafka consumer group that
 * reads the frames the edges ({@code plantar serve} with {@code ingest.log: kafka}) produced, and
 * writes results to the shared store. See SCALING.md.
 */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = "Cluster mode: process the Kafka frames topic into the store (consumer group, one owner per partition).")
public final class ProcessCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--threads", paramLabel = "N", description = "Partition owner threads (default: cores).")
  Integer threads;

  @Option(names = "--instance-id", paramLabel = "ID",
      description = "Static group member id prefix, stable across restarts (default: kafka.instanceId, else the host name).")
  String instanceId;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ServerOptions.Startup> startup = server.prepare("plantar process", err);
    if (startup.isEmpty()) {
      return 1;
    }
    GatewayConfig config = startup.get().config();
    StoreConfig storeConfig = startup.get().store();
    KafkaConfig kafka = config.kafka();
    String member = instanceId != null ? instanceId
        : !kafka.instanceId().isEmpty() ? kafka.instanceId() : InetAddress.getLocalHost().getHostName();
    int count = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    ProcessorNode running = ProcessorNode.start(kafka, storeConfig, count, member, config.http());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("plantar process: %s, member %s with %d threads, store %s%n", kafka, member, count, storeConfig);
    if (running.httpPort() >= 0) {
      out.printf("  health and metrics: http://%s:%d/health, /metrics%n", config.http().host(), running.httpPort());
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      ClusterCounters c = running.counters();
      // One line the operator (and the fault tests) can read: out-of-order and foreign must be 0.
      out.printf("plantar process stopped: processed %d, replayed %d, duplicates %d, out-of-order %d, foreign %d, "
          + "assignments %d%n", c.processed(), c.replayed(), c.duplicates(), c.outOfOrder(), c.foreign(),
          c.assignments());
      out.flush();
      stopped.countDown();
    }, "plantar-shutdown"));
    stopped.await();
    return 0;
  }
}
