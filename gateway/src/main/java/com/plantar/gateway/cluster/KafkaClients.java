package com.plantar.gateway.cluster;

import com.plantar.gateway.config.ConfigException;
import com.plantar.gateway.config.KafkaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client settings for cluster mode, in one place: connection and credentials (read from their
 * secret files here, handed to the Kafka client as {@code Password} values, which it never prints),
 * the durable producer and the processors' consumer. See SCALING.md for why each value.
 */
public final class KafkaClients {
  private KafkaClients() {}

  /** Bootstrap servers, security protocol, SASL and TLS trust: common to every client. */
  public static Map<String, Object> connection(KafkaConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
    if (!config.saslMechanism().isEmpty()) {
      String password = secret("kafka.saslPasswordFile", config.saslPasswordFile());
      String module = config.saslMechanism().startsWith("SCRAM")
          ? "org.apache.kafka.common.security.scram.ScramLoginModule"
          : "org.apache.kafka.common.security.plain.PlainLoginModule";
      props.put(SaslConfigs.SASL_MECHANISM, config.saslMechanism());
      props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + quoted(config.saslUsername())
          + "\" password=\"" + quoted(password) + "\";");
    }
    if (!config.truststoreFile().isEmpty()) {
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.truststoreFile());
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, config.truststoreFile().endsWith(".pem") ? "PEM" : "PKCS12");
      if (!config.truststorePasswordFile().isEmpty()) {
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
            secret("kafka.truststorePasswordFile", config.truststorePasswordFile()));
      }
    }
    return props;
  }

  /**
   * The edge's producer: acks=all and idempotence (durable on the in-sync replicas, no duplicates or
   * reordering from its own retries, ≤ 5 in flight keeps order), a short linger to batch frames.
   */
  public static Map<String, Object> producer(KafkaConfig config, String clientId) {
    Map<String, Object> props = bytesProducer(config, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.deliveryTimeoutMs());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, config.deliveryTimeoutMs() - 100));
    // A send must never block the shard thread for long when Kafka is away: fail it instead.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    return props;
  }

  /**
   * For the live view, watch leases and device activity: worth little a few seconds later, so acks=1,
   * no idempotence (and so no ordering guarantee across retries, which a newer record makes moot), and
   * a send blocks the partition owner at most briefly (waiting for metadata or buffer room), then fails.
   * Users fetch their topic's metadata at start ({@link #warmUp}), so the first send does not fail for it.
   */
  public static Map<String, Object> bestEffortProducer(KafkaConfig config, String clientId) {
    Map<String, Object> props = bytesProducer(config, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 200);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L << 20);
    return props;
  }

  /** Fetches a topic's metadata now, so that a producer's first send to it does not wait or fail for it. */
  static void warmUp(org.apache.kafka.clients.producer.Producer<?, ?> producer, String topic) {
    try {
      producer.partitionsFor(topic);
    } catch (RuntimeException e) {
      // Kafka not reachable yet: the first sends fail and are counted; later ones fetch it.
    }
  }

  private static Map<String, Object> bytesProducer(KafkaConfig config, String clientId) {
    Map<String, Object> props = connection(config);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /**
   * A processor thread's consumer: static membership ({@code group.instance.id}) so that a restart
   * within the session timeout moves nothing, cooperative rebalancing so that a real move revokes
   * only what moves, manual commits (after the store has the results).
   */
  public static Map<String, Object> consumer(KafkaConfig config, String instanceId) {
    Map<String, Object> props = connection(config);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId);
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A killed processor's partitions move after this (Kafka's default 45 s is too long for G4); a
    // restart that is back within it moves nothing.
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, config.sessionTimeoutMs());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private static String secret(String key, String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      // The path is not secret; its content is never part of a message.
      throw new ConfigException(key, "cannot read the secret file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
