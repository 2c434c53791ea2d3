package com.plantar.gateway.bench;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.config.TlsConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.InterceptorBinding;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.OpenMqttSecurity;
import com.plantar.gateway.mqtt.PublishVerdict;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * QoS 1 publish to PUBACK, Plantar's broker (publishes accepted by an in-memory sink interceptor)
 * against mosquitto in the same run, with the same raw MQTT 3.1.1 client and payloads.
 *
 * <p>{@code oneInFlight}: publish, wait for the PUBACK; sample mode gives the p50/p99
 * publish-to-PUBACK latency. {@code window32}: 32 publishes written back to back, then their 32
 * PUBACKs; throughput mode gives publishes/s with pipelining.
 *
 * <p>Run (scripts/bench cannot yet resolve the gateway's in-reactor dependencies, so build the
 * classpath in the same reactor run as test-compile):
 *
 * <pre>
 *   ./mvnw -q -B -pl gateway -am test-compile dependency:build-classpath \
 *       -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/gateway.cp
 *   java -cp gateway/target/test-classes:gateway/target/classes:$(cat /tmp/gateway.cp) \
 *       org.openjdk.jmh.Main PublishAckBenchmark -bm sample -tu us     # p50/p99 publish to PUBACK
 *   java -cp ...same... org.openjdk.jmh.Main PublishAckBenchmark -bm thrpt -tu s   # publishes/s
 * </pre>
 *
 * Needs {@code mosquitto} on the PATH ({@code apt-get install -y mosquitto}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublishAckBenchmark {

  @Param({"plantar", "mosquitto"})
  public String broker;

  @Param({"256"})
  public int payloadBytes;

  private MqttServer plantar;
  private Mosquitto mosquitto;
  private RawMqttClient client;
  private final LongAdder sink = new LongAdder();

  @Setup(Level.Trial)
  public void start() throws Exception {
    int port;
    if (broker.equals("plantar")) {
      CompletionStage<PublishVerdict> accepted = CompletableFuture.completedFuture(PublishVerdict.ACCEPT);
      MqttConfig d = MqttConfig.DEFAULTS;
      MqttConfig config =
          new MqttConfig(
              "127.0.0.1", 0, -1, -1, d.maxPacketSize(), d.connectTimeoutSeconds(), 0, d.receiveMaximum(),
              d.maxInflightOutbound(), d.maxQueuedMessages(), d.maxSubscriptionsPerClient(), d.topicAliasMaximum(),
              d.maxSessionExpirySeconds(), d.writeBufferLowWaterMark(), d.writeBufferHighWaterMark(), 0, List.of(), 2);
      plantar =
          new MqttServer(
                  config, TlsConfig.DEFAULTS, new OpenMqttSecurity(List.of()),
                  List.of(new InterceptorBinding("insole/#", p -> {
                    sink.increment();
                    return accepted;
                  })),
                  GatewayMetrics.NOOP)
              .start();
      port = plantar.port();
    } else {
      mosquitto = new Mosquitto();
      port = mosquitto.port;
    }
    client = new RawMqttClient(port, "bench-" + broker, "insole/v1/t/0011223344556677/sync", payloadBytes);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    client.close();
    if (plantar != null) {
      plantar.close();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Benchmark
  public void oneInFlight() throws Exception {
    client.publishAndAwaitAcks(1);
  }

  @Benchmark
  @OperationsPerInvocation(32)
  public void window32() throws Exception {
    client.publishAndAwaitAcks(32);
  }
}
