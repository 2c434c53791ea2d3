package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft cluster in this JVM (Kafka's own test kit), n combined broker+controller nodes on
 * loopback ports. Controllers are started before brokers: starting them together made the 3-node
 * Raft quorum fail in 5 of 7 starts on this machine kind (kafka-postgres-in-tests.md §1).
 */
final class KafkaTestCluster implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private KafkaTestCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  static KafkaTestCluster start(int nodes) throws Exception {
    return start(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(nodes).setNumControllerNodes(nodes),
        nodes);
  }

  /**
   * {@code brokers} broker-only nodes and one dedicated controller: a broker of this cluster can be
   * stopped and started again in this JVM ({@link #restartBroker}); the test kit can restart only a
   * broker that does not share its node with a controller.
   */
  static KafkaTestCluster startWithDedicatedController(int brokers) throws Exception {
    return start(new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1),
        brokers);
  }

  private static KafkaTestCluster start(TestKitNodes.Builder nodes, int brokers) throws Exception {
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes
        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
        .build())
        .setConfigProp("offsets.topic.replication.factor", String.valueOf(Math.min(3, brokers)))
        .setConfigProp("transaction.state.log.replication.factor", String.valueOf(Math.min(3, brokers)))
        .setConfigProp("transaction.state.log.min.isr", brokers >= 3 ? "2" : "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    List<CompletableFuture<Void>> controllers = new ArrayList<>();
    kit.controllers().values().forEach(c -> controllers.add(CompletableFuture.runAsync(c::startup)));
    CompletableFuture.allOf(controllers.toArray(CompletableFuture[]::new)).get();
    List<CompletableFuture<Void>> started = new ArrayList<>();
    kit.brokers().values().forEach(b -> started.add(CompletableFuture.runAsync(b::startup)));
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get();
    kit.waitForReadyBrokers();
    return new KafkaTestCluster(kit);
  }

  /** A controlled shutdown of one broker (it hands its partition leaderships over first). */
  void stopBroker(int id) {
    kit.brokers().get(id).shutdown();
  }

  /** Starts a stopped broker again on its data (a broker-only node: {@link #startWithDedicatedController}). */
  void restartBroker(int id) {
    kit.restartBroker(id, Map.of());
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Cluster-mode settings for this cluster: small topics, replication as the cluster allows. */
  KafkaConfig config(String topicPrefix, int partitions) {
    int nodes = kit.brokers().size();
    return KafkaConfig.DEFAULTS.withBootstrapServers(bootstrapServers())
        .withTopics(topicPrefix + ".frames", topicPrefix + ".context", partitions, Math.min(3, nodes),
            nodes >= 3 ? 2 : 1);
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
