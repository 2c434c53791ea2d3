package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Creates the frames topic and the compacted context topic when they do not exist, with the
 * configured (fixed) partition count, replication and {@code min.insync.replicas}. A topic created
 * here gets one warm-up record per partition, sent one at a time, before anyone produces frames:
 * the first idempotent batch to a brand-new partition can otherwise be rejected forever as out of
 * sequence (KAFKA-15591, seen on 4.4.0). Processing skips records with the warm-up header.
 */
public final class KafkaTopics {
  /** Header marking a record that is not a frame (warm-up); consumers skip it. */
  public static final String WARM_UP_HEADER = "plantar-warm-up";

  private KafkaTopics() {}

  public static void ensure(KafkaConfig config) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(KafkaClients.connection(config))) {
      Map<String, String> durable = Map.of("min.insync.replicas", Integer.toString(config.minInsyncReplicas()));
      Map<String, String> compacted = Map.of("min.insync.replicas", Integer.toString(config.minInsyncReplicas()),
          "cleanup.policy", "compact");
      short replication = (short) config.replicationFactor();
      for (NewTopic topic : List.of(
          new NewTopic(config.topic(), config.partitions(), replication).configs(durable),
          new NewTopic(config.contextTopic(), config.partitions(), replication).configs(compacted))) {
        try {
          admin.createTopics(List.of(topic)).all().get();
          warmUp(config, topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  private static void warmUp(KafkaConfig config, String topic, int partitions)
      throws InterruptedException, ExecutionException {
    Map<String, Object> props = KafkaClients.producer(config, "plantar-warm-up");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int p = 0; p < partitions; p++) {
        // Keyed so that compaction keeps one per partition at most; never a frame.
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, p, ("warm-up/" + p).getBytes(),
            new byte[0], List.of(new RecordHeader(WARM_UP_HEADER, new byte[] {1})));
        producer.send(record).get();
      }
    }
  }
}
