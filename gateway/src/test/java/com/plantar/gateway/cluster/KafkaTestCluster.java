package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import java.util.ArrayList;
import java.util.List;
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
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(nodes).setNumControllerNodes(nodes)
        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
        .build())
        .setConfigProp("offsets.topic.replication.factor", String.valueOf(nodes))
        .setConfigProp("transaction.state.log.replication.factor", String.valueOf(nodes))
        .setConfigProp("transaction.state.log.min.isr", nodes >= 3 ? "2" : "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    List<CompletableFuture<Void>> controllers = new ArrayList<>();
    kit.controllers().values().forEach(c -> controllers.add(CompletableFuture.runAsync(c::startup)));
    CompletableFuture.allOf(controllers.toArray(CompletableFuture[]::new)).get();
    List<CompletableFuture<Void>> brokers = new ArrayList<>();
    kit.brokers().values().forEach(b -> brokers.add(CompletableFuture.runAsync(b::startup)));
    CompletableFuture.allOf(brokers.toArray(CompletableFuture[]::new)).get();
    kit.waitForReadyBrokers();
    return new KafkaTestCluster(kit);
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
