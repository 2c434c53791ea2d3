package com.plantar.gateway.config;

/**
 * Cluster mode's Kafka (used only with {@code ingest.log: kafka} and by {@code plantar process}).
 * Secrets are never values here, only the files that hold them (e.g. Docker secrets), so a config
 * can be printed; {@link #toString()} still names only which credentials are set.
 *
 * @param bootstrapServers {@code host:port,…}
 * @param topic the frames topic, keyed by {@code tenant/wearer}
 * @param contextTopic the compacted, co-partitioned topic of HELLO/ANCHOR frames per insole
 * @param partitions the partition count a topic is created with (fixed: keys are hashed modulo it)
 * @param replicationFactor replication of created topics (3 in production)
 * @param minInsyncReplicas {@code min.insync.replicas} of created topics (2 in production)
 * @param deliveryTimeoutMs how long a send may retry before it fails and the publish is refused
 * @param securityProtocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
 * @param saslMechanism e.g. {@code SCRAM-SHA-512} or {@code PLAIN}; empty for none
 * @param saslUsername the SASL user; its password is read from {@code saslPasswordFile}
 * @param saslPasswordFile a file holding the SASL password (one line)
 * @param truststoreFile a PEM or PKCS#12 truststore for TLS to the brokers; empty for the JVM's
 * @param truststorePasswordFile a file holding the truststore's password, if it has one
 * @param groupId the processors' consumer group
 * @param instanceId this processor's static member id prefix (empty: the host name)
 * @param replayWindowSeconds how far before the committed offset a new partition owner replays
 * @param sessionTimeoutMs how long a processor may be silent before its partitions move: bounds the
 *     resume time after a crash from below and the length of a restart that moves nothing from above
 */
public record KafkaConfig(String bootstrapServers, String topic, String contextTopic, int partitions,
    int replicationFactor, int minInsyncReplicas, int deliveryTimeoutMs, String securityProtocol,
    String saslMechanism, String saslUsername, String saslPasswordFile, String truststoreFile,
    String truststorePasswordFile, String groupId, String instanceId, int replayWindowSeconds,
    int sessionTimeoutMs) {

  public static final KafkaConfig DEFAULTS = new KafkaConfig("127.0.0.1:9092", "plantar.frames",
      "plantar.context", 64, 3, 2, 30_000, "PLAINTEXT", "", "", "", "", "", "plantar-gait", "", 15, 10_000);

  public KafkaConfig {
    Bounds.nonBlank("kafka.bootstrapServers", bootstrapServers);
    Bounds.nonBlank("kafka.topic", topic);
    Bounds.nonBlank("kafka.contextTopic", contextTopic);
    Bounds.range("kafka.partitions", partitions, 1, 10_000);
    Bounds.range("kafka.replicationFactor", replicationFactor, 1, 16);
    Bounds.range("kafka.minInsyncReplicas", minInsyncReplicas, 1, replicationFactor);
    Bounds.range("kafka.deliveryTimeoutMs", deliveryTimeoutMs, 1_000, 3_600_000);
    securityProtocol = Bounds.oneOf("kafka.securityProtocol", securityProtocol,
        "plaintext", "ssl", "sasl_plaintext", "sasl_ssl").toUpperCase(java.util.Locale.ROOT);
    saslMechanism = saslMechanism == null ? "" : saslMechanism;
    saslUsername = saslUsername == null ? "" : saslUsername;
    saslPasswordFile = saslPasswordFile == null ? "" : saslPasswordFile;
    truststoreFile = truststoreFile == null ? "" : truststoreFile;
    truststorePasswordFile = truststorePasswordFile == null ? "" : truststorePasswordFile;
    Bounds.nonBlank("kafka.groupId", groupId);
    instanceId = instanceId == null ? "" : instanceId;
    Bounds.range("kafka.replayWindowSeconds", replayWindowSeconds, 0, 3_600);
    // The brokers' default group.min/max.session.timeout.ms.
    Bounds.range("kafka.sessionTimeoutMs", sessionTimeoutMs, 6_000, 1_800_000);
    if (securityProtocol.startsWith("SASL") && (saslMechanism.isEmpty() || saslUsername.isEmpty()
        || saslPasswordFile.isEmpty())) {
      throw new ConfigException("kafka.saslMechanism",
          "SASL needs kafka.saslMechanism, kafka.saslUsername and kafka.saslPasswordFile");
    }
  }

  public KafkaConfig withBootstrapServers(String servers) {
    return new KafkaConfig(servers, topic, contextTopic, partitions, replicationFactor, minInsyncReplicas,
        deliveryTimeoutMs, securityProtocol, saslMechanism, saslUsername, saslPasswordFile, truststoreFile,
        truststorePasswordFile, groupId, instanceId, replayWindowSeconds, sessionTimeoutMs);
  }

  public KafkaConfig withTopics(String newTopic, String newContextTopic, int newPartitions, int newReplication,
      int newMinInsync) {
    return new KafkaConfig(bootstrapServers, newTopic, newContextTopic, newPartitions, newReplication, newMinInsync,
        deliveryTimeoutMs, securityProtocol, saslMechanism, saslUsername, saslPasswordFile, truststoreFile,
        truststorePasswordFile, groupId, instanceId, replayWindowSeconds, sessionTimeoutMs);
  }

  public KafkaConfig withDeliveryTimeoutMs(int newTimeoutMs) {
    return new KafkaConfig(bootstrapServers, topic, contextTopic, partitions, replicationFactor, minInsyncReplicas,
        newTimeoutMs, securityProtocol, saslMechanism, saslUsername, saslPasswordFile, truststoreFile,
        truststorePasswordFile, groupId, instanceId, replayWindowSeconds, sessionTimeoutMs);
  }

  public KafkaConfig withGroup(String newGroupId, String newInstanceId) {
    return new KafkaConfig(bootstrapServers, topic, contextTopic, partitions, replicationFactor, minInsyncReplicas,
        deliveryTimeoutMs, securityProtocol, saslMechanism, saslUsername, saslPasswordFile, truststoreFile,
        truststorePasswordFile, newGroupId, newInstanceId, replayWindowSeconds, sessionTimeoutMs);
  }

  @Override
  public String toString() {
    // Paths to secret files are not secrets, but keep the print short and obviously credential-free.
    return "KafkaConfig[" + bootstrapServers + " topic=" + topic + " context=" + contextTopic + " partitions="
        + partitions + " rf=" + replicationFactor + " minIsr=" + minInsyncReplicas + " security=" + securityProtocol
        + (saslUsername.isEmpty() ? "" : " sasl=" + saslMechanism + "(" + saslUsername + ", password from file)")
        + " group=" + groupId + "]";
  }
}
