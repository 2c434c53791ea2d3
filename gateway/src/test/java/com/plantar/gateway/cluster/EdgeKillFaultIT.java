package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.Stride;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.FrameProcessor;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.TestRegistries;
import com.plantar.gateway.registry.TokenGenerator;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.MessageType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode with real processes: a 3-node KRaft cluster (RF 3, min ISR 2), a real PostgreSQL
 * registry shared by two edges ({@code plantar serve} with {@code ingest.log: kafka}, child JVMs of
 * the shaded jar) and one {@code plantar process}; three insole pairs (phones) stream a real walk
 * over both edges. One edge is killed with SIGKILL mid-run: its phones reconnect to the other and
 * send again what was not acknowledged. Afterwards every sample is stored exactly once, every
 * wearer's strides are those of an undisturbed single-node run, and no frame arrived out of order or
 * in a foreign partition.
 */
class EdgeKillFaultIT {
  private static final Path JAR = Path.of("target/plantar.jar");
  private static final int PAIRS = 3;

  @TempDir Path dir;

  @Test
  // Three child JVMs beside a 3-node KRaft cluster and PostgreSQL: about a minute on an idle 2-core
  // machine, several when other builds share it.
  @Timeout(600)
  void killingAnEdgeLosesAndDuplicatesNothing() throws Exception {
    List<List<AcceptedFrame>> walks = new ArrayList<>();
    for (int k = 0; k < PAIRS; k++) {
      walks.add(WalkFrames.of(WalkFrames.walk(), WalkFrames.BOOT_UTC_US, 0x10 + 2 * k, 0x11 + 2 * k));
    }
    List<Process> children = new ArrayList<>();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        KafkaTestCluster cluster = KafkaTestCluster.start(3)) {
      String registryUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      try (Registry registry = Registry.openPostgres(registryUrl, "postgres", "", TestRegistries.hasher(),
          new TokenGenerator(new SecureRandom()), TestRegistries.CLOCK)) {
        for (int k = 0; k < PAIRS; k++) {
          registry.addHub("clinic", "phone-" + k);
          for (long device : new long[] {0x10 + 2 * k, 0x11 + 2 * k}) {
            registry.addDevice("clinic", DeviceIds.toHex(device), device % 2 == 0 ? Side.L : Side.R, "PL-8");
            registry.pair("phone-" + k, DeviceIds.toHex(device));
          }
        }
      }
      KafkaConfig kafka = cluster.config("fault", 6);
      KafkaTopics.ensure(kafka);
      Map<String, String> env = new HashMap<>();
      env.put(ConfigLoader.environmentName("ingest.log"), "kafka");
      env.put(ConfigLoader.environmentName("kafka.bootstrapServers"), kafka.bootstrapServers());
      env.put(ConfigLoader.environmentName("kafka.topic"), kafka.topic());
      env.put(ConfigLoader.environmentName("kafka.contextTopic"), kafka.contextTopic());
      env.put(ConfigLoader.environmentName("kafka.partitions"), "6");
      env.put(ConfigLoader.environmentName("registry.url"), registryUrl);
      env.put(ConfigLoader.environmentName("registry.user"), "postgres");
      env.put(ConfigLoader.environmentName("mqtt.host"), "127.0.0.1");

      int[] ports = {freePort(), freePort()};
      Process[] edges = {edge(env, 0, ports[0]), edge(env, 1, ports[1])};
      children.addAll(List.of(edges));
      Process processor = start(env, "process", List.of("process", "--data-dir", dir.resolve("proc").toString(),
          "--threads", "2", "--instance-id", "proc", "--http-port", "-1"));
      children.add(processor);
      await("processor started").atMost(Duration.ofSeconds(120)).until(() -> log("process").contains("plantar process:"));

      Map<Integer, Set<Integer>> acked = new ConcurrentHashMap<>();
      AtomicInteger alive = new AtomicInteger(0b11);
      List<Thread> phones = new ArrayList<>();
      for (int k = 0; k < PAIRS; k++) {
        int pair = k;
        acked.put(pair, ConcurrentHashMap.newKeySet());
        Thread phone = new Thread(() -> stream(walks.get(pair), acked.get(pair), pair % 2, ports, alive), "phone-" + k);
        phone.start();
        phones.add(phone);
      }
      int total = walks.stream().mapToInt(List::size).sum();
      await("a third acknowledged").atMost(Duration.ofSeconds(180))
          .until(() -> acked.values().stream().mapToInt(Set::size).sum() >= total / 3);
      edges[0].toHandle().destroyForcibly();
      alive.set(0b10);
      assertThat(edges[0].waitFor(20, TimeUnit.SECONDS)).isTrue();
      for (Thread phone : phones) {
        phone.join(TimeUnit.SECONDS.toMillis(300));
      }
      for (int k = 0; k < PAIRS; k++) {
        assertThat(acked.get(k)).as("pair %d all acknowledged", k).hasSize(walks.get(k).size());
      }
      awaitNoLag(kafka);
      processor.destroy();
      assertThat(processor.waitFor(60, TimeUnit.SECONDS)).isTrue();
      edges[1].destroy();
      edges[1].waitFor(30, TimeUnit.SECONDS);

      String summary = log("process").lines().filter(l -> l.startsWith("plantar process stopped:")).findFirst()
          .orElseThrow();
      assertThat(summary).contains("out-of-order 0,").contains("foreign 0,");
      Map<String, Integer> samples = new java.util.TreeMap<>();
      Map<String, Integer> expectedSamples = new java.util.TreeMap<>();
      Map<String, List<Long>> strides = new java.util.TreeMap<>();
      Map<String, List<Long>> expectedStrides = new java.util.TreeMap<>();
      try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(dir.resolve("proc").resolve("store")))) {
        TimeRange all = new TimeRange(WalkFrames.BOOT_UTC_US, WalkFrames.BOOT_UTC_US + 3_600_000_000L);
        for (int k = 0; k < PAIRS; k++) {
          List<AcceptedFrame> frames = walks.get(k);
          for (long device : new long[] {0x10 + 2 * k, 0x11 + 2 * k}) {
            long dataFrames = frames.stream().filter(f -> f.deviceId() == device && f.type() == MessageType.DATA).count();
            expectedSamples.put(DeviceIds.toHex(device), (int) dataFrames * 25);
          }
          expectedStrides.put("phone-" + k, singleNodeStrideStarts(frames, "phone-" + k));
        }
        // The store's WAL tables apply committed transactions in the background after an open:
        // read until what is committed is visible (a real loss still fails after the timeout).
        await("store readable").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          for (int k = 0; k < PAIRS; k++) {
            for (long device : new long[] {0x10 + 2 * k, 0x11 + 2 * k}) {
              samples.put(DeviceIds.toHex(device), store.readRawSamples("clinic", DeviceIds.toHex(device), all).size());
            }
            strides.put("phone-" + k, store.readStrides("clinic", "phone-" + k, all).stream()
                .map(StrideRow::initialContactUtcUs).sorted().toList());
          }
          return samples.equals(expectedSamples) && strides.equals(expectedStrides);
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // Fall through to the assertions, which say what differs.
      }
      System.err.println("EdgeKillFaultIT: " + summary + "; samples " + samples + " (expected " + expectedSamples
          + "); strides " + strides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList()
          + " (expected " + expectedStrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList()
          + ")");
      assertThat(samples).as("every sample stored exactly once").isEqualTo(expectedSamples);
      assertThat(strides).as("strides equal a single-node run").isEqualTo(expectedStrides);
    } finally {
      children.forEach(child -> child.toHandle().destroyForcibly());
      // Keep the children's logs where CI keeps reports: the temp dir is deleted after the test.
      Path keep = Files.createDirectories(Path.of("target", "edge-kill-fault-logs"));
      for (String name : List.of("edge0", "edge1", "process")) {
        if (Files.exists(dir.resolve(name + ".log"))) {
          Files.copy(dir.resolve(name + ".log"), keep.resolve(name + ".log"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** One phone: publishes its walk (16 in flight) to its edge; on a lost edge, to the other; until all are acked. */
  private static void stream(List<AcceptedFrame> frames, Set<Integer> acked, int edge, int[] ports, AtomicInteger alive) {
    int current = edge;
    while (acked.size() < frames.size()) {
      if ((alive.get() & (1 << current)) == 0) {
        current = 1 - current;
      }
      try {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + ports[current],
            "phone-" + frames.get(0).deviceId() + "-" + System.nanoTime(), new MemoryPersistence());
        try {
          client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
          List<IMqttToken> window = new ArrayList<>();
          List<Integer> indexes = new ArrayList<>();
          // As firmware does: HELLO and ANCHOR of both insoles acknowledged before any DATA. (With
          // DATA of one foot processed before the other foot's HELLO, the wearer's engine restarts
          // when that HELLO arrives: SCALING.md, "Known gaps".)
          for (int i = 0; i < frames.size(); i++) {
            if (!acked.contains(i) && frames.get(i).type() != MessageType.DATA) {
              window.add(client.publish(WalkFrames.topic(frames.get(i)), frames.get(i).bytes(), 1, false));
              indexes.add(i);
              settle(window, indexes, acked);
            }
          }
          for (int i = 0; i < frames.size(); i++) {
            if (acked.contains(i) || frames.get(i).type() != MessageType.DATA) {
              continue;
            }
            window.add(client.publish(WalkFrames.topic(frames.get(i)), frames.get(i).bytes(), 1, false));
            indexes.add(i);
            if (window.size() == 16) {
              settle(window, indexes, acked);
            }
          }
          settle(window, indexes, acked);
          client.disconnect().waitForCompletion(5_000);
        } finally {
          client.close(true);
        }
      } catch (MqttException e) {
        // The edge died under us (or refused): what was not acknowledged is sent again.
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private static void settle(List<IMqttToken> window, List<Integer> indexes, Set<Integer> acked) throws MqttException {
    for (int k = 0; k < window.size(); k++) {
      window.get(k).waitForCompletion(30_000);
      int[] codes = window.get(k).getReasonCodes();
      if (codes == null || codes.length == 0 || codes[0] < 0x80) {
        acked.add(indexes.get(k));
      }
    }
    window.clear();
    indexes.clear();
  }

  private static List<Long> singleNodeStrideStarts(List<AcceptedFrame> frames, String wearer) {
    List<Long> starts = new ArrayList<>();
    FrameProcessor processor = new FrameProcessor(new GaitOutput() {
      @Override
      public void onStride(WearerRef who, Stride stride) {
        starts.add(stride.initialContactMicros());
      }
    }, GaitConfig.defaults());
    frames.forEach(frame -> processor.process(frame, new WearerRef(frame.tenant(), wearer)));
    return starts.stream().sorted().toList();
  }

  /** Until the group has committed every partition's end offset. */
  private static void awaitNoLag(KafkaConfig kafka) {
    try (Admin admin = Admin.create(KafkaClients.connection(kafka))) {
      await("processor caught up").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(kafka.groupId()).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < kafka.partitions(); p++) {
          latest.put(new TopicPartition(kafka.topic(), p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
            && committed.get(e.getKey()).offset() >= e.getValue().offset());
      });
    }
  }

  private Process edge(Map<String, String> env, int n, int port) throws IOException {
    Process process = start(env, "edge" + n, List.of("serve", "--open", "--data-dir", dir.resolve("edge" + n).toString(),
        "--mqtt-port", Integer.toString(port), "--mqtts-port", "-1", "--http-port", "-1"));
    await("edge " + n + " listening").atMost(Duration.ofSeconds(120)).until(() -> accepts(process, port));
    return process;
  }

  private Process start(Map<String, String> env, String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  private String log(String name) throws IOException {
    Path file = dir.resolve(name + ".log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static boolean accepts(Process process, int port) {
    if (!process.isAlive()) {
      throw new IllegalStateException("child exited with " + process.exitValue());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
