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
 * Creates cluster mode's topics when they do not exist, with the configured (fixed) partition count,
 * replication and {@code min.insync.replicas}: the frames, the compacted context, and beside them
 * (named after the frames topic: {@code plantar.frames} → {@code plantar.commands}, …) the commands
 * to devices, the live view's frames, the compacted watch leases and the compacted device activity
 * (SCALING.md). A topic created
 * here gets one warm-up record per partition, sent one at a time, before anyone produces frames:
 * the first idempotent batch to a brand-new partition can otherwise be rejected forever as out of
 * sequence (KAFKA-15591, seen on 4.4.0). Processing skips records with the warm-up header.
 */
public final class KafkaTopics {
  /** Header marking a record that is not a frame (warm-up); consumers skip it. */
  public static final String WARM_UP_HEADER = "plantar-warm-up";

  private KafkaTopics() {}

  /** Commands to devices, keyed by device; every edge reads all of it. */
  public static String commands(KafkaConfig config) {
    return sibling(config, "commands");
  }

  /** Live frames and layouts of watched wearers, keyed by wearer; short retention. */
  static String live(KafkaConfig config) {
    return sibling(config, "live");
  }

  /** Watch leases (compacted, keyed by wearer): which wearers someone watches, until when. */
  static String watch(KafkaConfig config) {
    return sibling(config, "live-watch");
  }

  /** Each device's latest activity (compacted, keyed by {@code tenant/deviceId}): the sync status on every edge. */
  static String activity(KafkaConfig config) {
    return sibling(config, "activity");
  }

  private static String sibling(KafkaConfig config, String name) {
    String frames = config.topic();
    return frames.endsWith(".frames") ? frames.substring(0, frames.length() - "frames".length()) + name
        : frames + "." + name;
  }

  public static void ensure(KafkaConfig config) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(KafkaClients.connection(config))) {
      String minIsr = Integer.toString(config.minInsyncReplicas());
      Map<String, String> durable = Map.of("min.insync.replicas", minIsr);
      Map<String, String> compacted = Map.of("min.insync.replicas", minIsr, "cleanup.policy", "compact");
      // Commands are for devices connected now: an hour covers any edge's lag; live frames are for now only.
      Map<String, String> commands = Map.of("min.insync.replicas", minIsr, "retention.ms", "3600000");
      Map<String, String> live = Map.of("retention.ms", "60000");
      // A lease lasts seconds: compaction keeps the latest per wearer, deletion drops wearers not watched for a day.
      Map<String, String> leases = Map.of("cleanup.policy", "compact,delete", "retention.ms", "86400000");
      // The latest state per device; a device not heard of for 30 days is forgotten.
      Map<String, String> activity = Map.of("cleanup.policy", "compact,delete", "retention.ms", "2592000000");
      short replication = (short) config.replicationFactor();
      for (NewTopic topic : List.of(
          new NewTopic(config.topic(), config.partitions(), replication).configs(durable),
          new NewTopic(config.contextTopic(), config.partitions(), replication).configs(compacted),
          new NewTopic(commands(config), config.partitions(), replication).configs(commands),
          new NewTopic(live(config), config.partitions(), replication).configs(live),
          new NewTopic(watch(config), config.partitions(), replication).configs(leases),
          new NewTopic(activity(config), config.partitions(), replication).configs(activity))) {
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
