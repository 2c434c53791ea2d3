package com.plantar.gateway.cluster;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode, a Kafka broker goes away and comes back: three brokers (RF 3, min ISR 2) and a
 * dedicated controller in this JVM (the test kit restarts only broker-only nodes), PostgreSQL
 * registry, influxd, one edge and one {@code plantar process} as child JVMs; three insole pairs
 * stream a walk. The broker leading {@code phone-0}'s partition is stopped mid-run; publishing goes
 * on with the two others (a publish is acknowledged only after {@code acks=all} from the in-sync
 * replicas, or refused and sent again); the broker is started again and rejoins every ISR.
 * Afterwards every sample is stored exactly once and every wearer's strides are those of an
 * undisturbed single-node run.
 */
class BrokerRestartFaultIT {
  @TempDir Path dir;

  @Test
  // Four Kafka nodes in this JVM, an edge and a processor as child JVMs: under a minute when idle.
  @Timeout(600)
  void aBrokerStoppedAndRestartedMidRunLosesNothingAcknowledged() throws Exception {
    try (KafkaTestCluster cluster = KafkaTestCluster.startWithDedicatedController(3);
        ClusterRig rig = ClusterRig.start(dir, cluster, 3, "broker-restart-fault-logs");
        Admin admin = rig.admin()) {
      PlantarChildren children = rig.children();
      int port = ClusterRig.freePort();
      children.startEdge("edge", port);
      rig.startProcessor("proc", "proc", 2);

      Phones phones = Phones.start(rig.walks(), new int[] {port}, 40);
      phones.awaitAcknowledged(phones.total() / 4, Duration.ofSeconds(180));
      int watched = rig.partitionOf(ClusterRig.wearer(0));
      int broker = frames(rig, admin).partitions().stream().filter(p -> p.partition() == watched).findFirst()
          .orElseThrow().leader().id();
      long stoppedAt = System.nanoTime();
      cluster.stopBroker(broker);
      long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
      int ackedAtStop = phones.acknowledged();
      // Publishing goes on while the broker is down: 5 s of the fleet's frames acknowledged.
      phones.awaitAcknowledged(ackedAtStop + 3 * 40 * 5, Duration.ofSeconds(120));
      int ackedWhileDown = phones.acknowledged() - ackedAtStop;
      long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

      long restartAt = System.nanoTime();
      cluster.restartBroker(broker);
      await("broker " + broker + " back in every ISR").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> frames(rig, admin).partitions().stream().allMatch(p -> p.isr().size() == 3));
      long rejoinMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);
      System.err.printf("FAULT-TIMING broker-restart: broker=%d stop_ms=%d down_ms=%d acked_while_down=%d"
          + " back_in_isr_ms=%d acked_at_rejoin=%d/%d%n", broker, stopMs, downMs, ackedWhileDown, rejoinMs,
          phones.acknowledged(), phones.total());

      phones.awaitAllAcknowledged(Duration.ofSeconds(300));
      rig.awaitNoLag();
      children.stop("proc");
      children.stop("edge");
      rig.assertExactlyTheSingleNodeResults("BrokerRestartFaultIT", List.of("proc"));
    }
  }

  private static TopicDescription frames(ClusterRig rig, Admin admin) throws Exception {
    String topic = rig.kafka().topic();
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }
}
