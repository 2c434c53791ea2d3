package com.plantar.gateway.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One real Kafka broker (KRaft, combined broker + controller, node 0) as a child process on
 * 127.0.0.1, started from the {@code kafka_2.13} jars on this JVM's class path ({@code
 * kafka.tools.StorageTool format}, then {@code kafka.Kafka}), as in kafka-postgres-in-tests.md §1b.
 * A separate process, so that its CPU is read from {@code /proc} apart from the gateway's and the
 * load generator's. Single node: topics are RF 1, {@code min.insync.replicas} 1 (production: RF 3,
 * min ISR 2, see SCALING.md). Log flushing is Kafka's default (the page cache; durability comes from
 * replication), unlike the journal, which fsyncs before it acknowledges.
 */
final class BenchBroker implements AutoCloseable {
  private final Process process;
  private final String bootstrapServers;

  private BenchBroker(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  static BenchBroker start(Path dir, String heap) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    int controllerPort = freePort();
    Path properties = dir.resolve("server.properties");
    Files.writeString(properties, String.join("\n",
        "process.roles=broker,controller",
        "node.id=0",
        "controller.quorum.voters=0@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        ""));
    // The broker logs through whatever SLF4J binding is on the class path (logback): WARN and up, to a file.
    Path logback = dir.resolve("logback.xml");
    Files.writeString(logback, "<configuration><appender name=\"f\" class=\"ch.qos.logback.core.FileAppender\">"
        + "<file>" + dir.resolve("broker.log") + "</file><encoder><pattern>%d %level %logger{20} %msg%n</pattern>"
        + "</encoder></appender><root level=\"WARN\"><appender-ref ref=\"f\"/></root></configuration>");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    String logging = "-Dlogback.configurationFile=" + logback;
    Process format = new ProcessBuilder(java, logging, "-cp", classPath, "kafka.tools.StorageTool", "format",
        "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IOException("kafka StorageTool format failed, see " + dir.resolve("format.log"));
    }
    Process broker = new ProcessBuilder(java, "-Xms" + heap, "-Xmx" + heap, logging, "-cp", classPath,
        "kafka.Kafka", properties.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    // Interrupted with Ctrl-C or SIGTERM: the broker must not outlive the bench.
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly, "bench-broker-stop"));
    BenchBroker started = new BenchBroker(broker, "127.0.0.1:" + port);
    try {
      started.awaitReady(Duration.ofSeconds(90));
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("the Kafka broker exited with " + process.exitValue());
        }
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
          // Not listening or not ready yet: ask again below.
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the Kafka broker was not ready within " + timeout.toSeconds() + " s");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  long pid() {
    return process.pid();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** SIGTERM (a controlled shutdown), then SIGKILL if it has not exited within 20 s; this process only. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
