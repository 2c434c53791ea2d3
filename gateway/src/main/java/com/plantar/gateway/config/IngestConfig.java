package com.plantar.gateway.config;

/**
 * Where accepted frames become durable before they are acknowledged: {@code journal} (the default,
 * single-node: the local journal, fsync) or {@code kafka} (cluster mode: the frames topic, acks=all;
 * see SCALING.md and {@link KafkaConfig}).
 */
public record IngestConfig(String log) {

  public static final IngestConfig DEFAULTS = new IngestConfig("journal");

  public IngestConfig {
    log = Bounds.oneOf("ingest.log", log, "journal", "kafka");
  }

  public boolean kafka() {
    return log.equals("kafka");
  }
}
