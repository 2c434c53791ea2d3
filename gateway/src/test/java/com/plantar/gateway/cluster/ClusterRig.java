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
import com.plantar.gateway.store.InfluxdProcess;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The shared part of the cluster fault tests: a real PostgreSQL registry (zonky) with {@code pairs}
 * insole pairs paired to phones {@code phone-0…}, a real {@code influxd} as the shared store, the
 * frames and context topics on the given Kafka cluster, the environment that puts {@code plantar}
 * children in cluster mode, the walks the phones send (recent times: the store's raw retention
 * drops old points), and the checks every fault test ends with: each insole's samples stored
 * exactly once, each wearer's strides those of an undisturbed single-node run, and no processor
 * run saw a frame out of order or in a foreign partition.
 */
final class ClusterRig implements AutoCloseable {
  static final String TENANT = "clinic";
  private static final String SUMMARY = "plantar process stopped:";

  private final EmbeddedPostgres pg;
  private final InfluxdProcess influxd;
  private final KafkaConfig kafka;
  private final PlantarChildren children;
  private final List<List<AcceptedFrame>> walks;
  private final long startUtcUs;
  /** Where the final check reads results: influxd, unless a processor was started on its embedded store. */
  private StoreConfig resultStore;

  private ClusterRig(EmbeddedPostgres pg, InfluxdProcess influxd, KafkaConfig kafka, PlantarChildren children,
      List<List<AcceptedFrame>> walks, long startUtcUs) {
    this.pg = pg;
    this.influxd = influxd;
    this.kafka = kafka;
    this.children = children;
    this.walks = walks;
    this.startUtcUs = startUtcUs;
    this.resultStore = StoreConfig.influxDb(influxd.url(), "plantar").withManagedInfluxSchema("autogen");
  }

  static ClusterRig start(Path dir, KafkaTestCluster cluster, int pairs, String reportDir) throws Exception {
    return start(dir, cluster, pairs, reportDir, Map.of());
  }

  /** As {@link #start(Path, KafkaTestCluster, int, String)}, with more configuration keys for every child. */
  static ClusterRig start(Path dir, KafkaTestCluster cluster, int pairs, String reportDir,
      Map<String, String> settings) throws Exception {
    long startUtcUs = (System.currentTimeMillis() - 3_600_000) * 1000;
    List<List<AcceptedFrame>> walks = new ArrayList<>();
    var walk = WalkFrames.walk();
    for (int k = 0; k < pairs; k++) {
      walks.add(WalkFrames.of(walk, startUtcUs, left(k), right(k)));
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    InfluxdProcess influxd = null;
    try {
      String registryUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      try (Registry registry = Registry.openPostgres(registryUrl, "postgres", "", TestRegistries.hasher(),
          new TokenGenerator(new SecureRandom()), TestRegistries.CLOCK)) {
        for (int k = 0; k < pairs; k++) {
          registry.addHub(TENANT, wearer(k));
          for (long device : new long[] {left(k), right(k)}) {
            registry.addDevice(TENANT, DeviceIds.toHex(device), device == left(k) ? Side.L : Side.R, "PL-8");
            registry.pair(wearer(k), DeviceIds.toHex(device));
          }
        }
      }
      influxd = InfluxdProcess.start(Files.createDirectories(dir.resolve("influxd")));
      KafkaConfig kafka = cluster.config("fault", 6);
      KafkaTopics.ensure(kafka);
      Map<String, String> env = new HashMap<>();
      env.put(ConfigLoader.environmentName("ingest.log"), "kafka");
      env.put(ConfigLoader.environmentName("kafka.bootstrapServers"), kafka.bootstrapServers());
      env.put(ConfigLoader.environmentName("kafka.topic"), kafka.topic());
      env.put(ConfigLoader.environmentName("kafka.contextTopic"), kafka.contextTopic());
      env.put(ConfigLoader.environmentName("kafka.partitions"), Integer.toString(kafka.partitions()));
      env.put(ConfigLoader.environmentName("registry.url"), registryUrl);
      env.put(ConfigLoader.environmentName("registry.user"), "postgres");
      env.put(ConfigLoader.environmentName("mqtt.host"), "127.0.0.1");
      settings.forEach((key, value) -> env.put(ConfigLoader.environmentName(key), value));
      return new ClusterRig(pg, influxd, kafka, new PlantarChildren(dir, env, reportDir), walks, startUtcUs);
    } catch (Exception | Error e) {
      if (influxd != null) {
        influxd.close();
      }
      pg.close();
      throw e;
    }
  }

  static String wearer(int pair) {
    return "phone-" + pair;
  }

  private static long left(int pair) {
    return 0x10 + 2 * pair;
  }

  private static long right(int pair) {
    return 0x11 + 2 * pair;
  }

  List<List<AcceptedFrame>> walks() {
    return walks;
  }

  KafkaConfig kafka() {
    return kafka;
  }

  PlantarChildren children() {
    return children;
  }

  /** {@code plantar process} writing to the shared influxd. */
  Process startProcessor(String name, String instanceId, int threads) throws IOException {
    return children.startProcessor(name, instanceId, threads, List.of("--store", "influxdb",
        "--influx-url", influxd.url().toString(), "--influx-manage-schema",
        "--influx-retention-policy", "autogen"));
  }

  /**
   * {@code plantar process} on the embedded store in its data directory (single-node only, so the
   * only processor of the test); the final check then reads that store.
   */
  Process startProcessorOnEmbeddedStore(String name, String instanceId, int threads) throws IOException {
    resultStore = StoreConfig.questDb(children.dataDir(name).resolve("store"));
    return children.startProcessor(name, instanceId, threads, List.of());
  }

  /** The frames-topic partition a wearer's frames are produced to (Kafka's default partitioner). */
  int partitionOf(String wearer) {
    byte[] key = (TENANT + "/" + wearer).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % kafka.partitions();
  }

  /** The processors' consumer group as it is now: static member id → the frames partitions it owns. */
  Map<String, Set<Integer>> assignments(Admin admin) throws Exception {
    Map<String, Set<Integer>> owners = new TreeMap<>();
    for (MemberDescription member : admin.describeConsumerGroups(List.of(kafka.groupId())).all().get()
        .get(kafka.groupId()).members()) {
      owners.put(member.groupInstanceId().orElse(member.consumerId()), member.assignment().topicPartitions().stream()
          .filter(p -> p.topic().equals(kafka.topic())).map(TopicPartition::partition)
          .collect(Collectors.toCollection(TreeSet::new)));
    }
    return owners;
  }

  /** Until the group has {@code members} members, each owning part of the frames partitions, together all. */
  void awaitEveryMemberOwnsPartitions(Admin admin, int members) {
    await(members + " processors own partitions").atMost(Duration.ofSeconds(120)).until(() -> {
      Map<String, Set<Integer>> owners = assignments(admin);
      return owners.size() == members && owners.values().stream().noneMatch(Set::isEmpty)
          && owners.values().stream().mapToInt(Set::size).sum() == kafka.partitions();
    });
  }

  /** The group's committed offset per frames partition (−1 where nothing is committed). */
  Map<Integer, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(kafka.groupId()).partitionsToOffsetAndMetadata().get();
    Map<Integer, Long> byPartition = new TreeMap<>();
    for (int p = 0; p < kafka.partitions(); p++) {
      OffsetAndMetadata offset = offsets.get(new TopicPartition(kafka.topic(), p));
      byPartition.put(p, offset == null ? -1 : offset.offset());
    }
    return byPartition;
  }

  Admin admin() {
    return Admin.create(KafkaClients.connection(kafka));
  }

  /** Until the group has committed every partition's end offset. */
  void awaitNoLag() throws Exception {
    try (Admin admin = admin()) {
      await("processors caught up").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        Map<Integer, Long> committed = committed(admin);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < kafka.partitions(); p++) {
          latest.put(new TopicPartition(kafka.topic(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
            .allMatch(e -> committed.get(e.getKey().partition()) >= e.getValue().offset());
      });
    }
  }

  /**
   * The end of every fault test (processors stopped, so each printed its summary): every run of every
   * processor named saw out-of-order 0 and foreign 0, every insole's samples are in the store
   * exactly once, and every wearer's strides are those of a single-node run over the same walk.
   */
  void assertExactlyTheSingleNodeResults(String test, List<String> processors) throws IOException {
    List<String> summaries = new ArrayList<>();
    for (String processor : processors) {
      summaries.addAll(children.lines(processor, SUMMARY));
    }
    Map<String, Integer> samples = new TreeMap<>();
    Map<String, Integer> expectedSamples = new TreeMap<>();
    Map<String, List<Long>> strides = new TreeMap<>();
    Map<String, List<Long>> expectedStrides = new TreeMap<>();
    for (int k = 0; k < walks.size(); k++) {
      for (long device : new long[] {left(k), right(k)}) {
        long dataFrames = walks.get(k).stream()
            .filter(f -> f.deviceId() == device && f.type() == MessageType.DATA).count();
        expectedSamples.put(DeviceIds.toHex(device), (int) dataFrames * 25);
      }
      expectedStrides.put(wearer(k), singleNodeStrideStarts(walks.get(k), wearer(k)));
    }
    try (TimeSeriesStore reader = TimeSeriesStores.open(resultStore)) {
      TimeRange all = new TimeRange(startUtcUs, startUtcUs + 3_600_000_000L);
      // Everything was committed before the offsets; a few more reads only absorb the store's own
      // write-to-query delay (an embedded QuestDB applies its WAL in the background after an open) (a real loss still fails after them). Each read is complete: on a
      // loaded machine one read of every series takes seconds.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      do {
        for (int k = 0; k < walks.size(); k++) {
          for (long device : new long[] {left(k), right(k)}) {
            samples.put(DeviceIds.toHex(device), reader.readRawSamples(TENANT, DeviceIds.toHex(device), all).size());
          }
          strides.put(wearer(k), reader.readStrides(TENANT, wearer(k), all).stream()
              .map(StrideRow::initialContactUtcUs).sorted().toList());
        }
      } while (!(samples.equals(expectedSamples) && strides.equals(expectedStrides)) && System.nanoTime() < deadline
          && sleep(Duration.ofSeconds(1)));
    }
    System.err.println(test + ": " + summaries + "; samples " + samples + " (expected " + expectedSamples
        + "); strides " + sizes(strides) + " (expected " + sizes(expectedStrides) + ")");
    assertThat(summaries).as("a summary from every processor run").isNotEmpty()
        .allSatisfy(s -> assertThat(s).contains("out-of-order 0,").contains("foreign 0,"));
    assertThat(samples).as("every sample stored exactly once").isEqualTo(expectedSamples);
    assertThat(strides).as("strides equal a single-node run").isEqualTo(expectedStrides);
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Map<String, Integer> sizes(Map<String, List<Long>> strides) {
    Map<String, Integer> sizes = new TreeMap<>();
    strides.forEach((wearer, starts) -> sizes.put(wearer, starts.size()));
    return sizes;
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

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      children.close();
    } finally {
      influxd.close();
      pg.close();
    }
  }
}
