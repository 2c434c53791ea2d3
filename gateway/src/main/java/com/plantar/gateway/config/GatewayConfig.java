package com.plantar.gateway.config;

/**
 * The whole gateway configuration: an immutable record tree loaded by {@link ConfigLoader} from
 * defaults, a YAML file, {@code PLANTAR_*} environment variables and command-line flags, in that
 * order of increasing precedence.
 */
public record GatewayConfig(String dataDir, MqttConfig mqtt, TlsConfig tls, HttpConfig http, IngestConfig ingest,
    KafkaConfig kafka, RegistryConfig registry) {

  public static final GatewayConfig DEFAULTS = new GatewayConfig("./plantar-data", MqttConfig.DEFAULTS,
      TlsConfig.DEFAULTS, HttpConfig.DEFAULTS, IngestConfig.DEFAULTS, KafkaConfig.DEFAULTS,
      RegistryConfig.DEFAULTS);

  public GatewayConfig {
    Bounds.nonBlank("dataDir", dataDir);
    if (mqtt == null) {
      throw new ConfigException("mqtt", "must be present");
    }
    if (tls == null) {
      throw new ConfigException("tls", "must be present");
    }
    if (http == null) {
      throw new ConfigException("http", "must be present");
    }
    if (ingest == null) {
      throw new ConfigException("ingest", "must be present");
    }
    if (kafka == null) {
      throw new ConfigException("kafka", "must be present");
    }
    if (registry == null) {
      throw new ConfigException("registry", "must be present");
    }
  }
}
