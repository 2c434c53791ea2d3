package com.plantar.gateway.bench;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.config.TlsConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.OpenMqttSecurity;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heap per idle MQTT connection: the server runs in this JVM, {@link IdleMqttClients} opens the
 * connections from a child process (so its sockets are not on this heap), and the used heap after
 * full GCs is compared before and after. Reports {@code heapBytesPerConnection} and {@code
 * directBytesPerConnection} (Netty's direct memory) as secondary results; the primary result is the
 * time to open and CONNACK all connections.
 *
 * <pre>
 *   java -cp (as in PublishAckBenchmark) org.openjdk.jmh.Main IdleConnectionMemoryBenchmark -p connections=19000
 * </pre>
 *
 * This machine's hard limit of open files per process is 20,000, which caps a single server
 * process below 20,000 connections; run with {@code -p connections=20000} where {@code ulimit -n}
 * allows it.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IdleConnectionMemoryBenchmark {

  @Param({"19000"})
  public int connections;

  private MqttServer server;

  /** Secondary results, printed by JMH beside the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    public double heapBytesPerConnection;
    public double directBytesPerConnection;
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    MqttConfig d = MqttConfig.DEFAULTS;
    MqttConfig config =
        new MqttConfig(
            "127.0.0.1", 0, -1, -1, d.maxPacketSize(), 300, 0, d.receiveMaximum(), d.maxInflightOutbound(),
            d.maxQueuedMessages(), d.maxSubscriptionsPerClient(), d.topicAliasMaximum(), d.maxSessionExpirySeconds(),
            d.writeBufferLowWaterMark(), d.writeBufferHighWaterMark(), 0, List.of(), 5);
    server = new MqttServer(config, TlsConfig.DEFAULTS, new OpenMqttSecurity(List.of()), List.of(), GatewayMetrics.NOOP).start();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  @Benchmark
  public void openIdleConnections(Footprint footprint) throws Exception {
    long heapBefore = usedHeapAfterGc();
    long directBefore = PlatformDependent.usedDirectMemory();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process clients =
        new ProcessBuilder(
                java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), IdleMqttClients.class.getName(),
                Integer.toString(server.port()), Integer.toString(connections))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.equals("READY " + connections)) {
        throw new IOException("client process failed: " + line);
      }
      long heapAfter = usedHeapAfterGc();
      long directAfter = PlatformDependent.usedDirectMemory();
      footprint.heapBytesPerConnection = (heapAfter - heapBefore) / (double) connections;
      footprint.directBytesPerConnection = (directAfter - directBefore) / (double) connections;
    } finally {
      clients.getOutputStream().close();
      clients.waitFor(30, TimeUnit.SECONDS);
      clients.destroyForcibly();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
