package com.plantar.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    Path file = dir.resolve("plantar.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsApplyWithoutAnyInput() {
    GatewayConfig config = loader.load(Optional.empty(), Map.of(), Map.of());
    assertThat(config).isEqualTo(GatewayConfig.DEFAULTS);
    assertThat(config.mqtt().port()).isEqualTo(1883);
    assertThat(config.mqtt().tlsPort()).isEqualTo(8883);
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo("./plantar-data");
  }

  @Test
  void fileThenEnvironmentThenFlagsOverrideInThatOrder() throws Exception {
    Path file = yaml("mqtt:\n  port: 1884\n  receiveMaximum: 10\n  deniedTopicFilters: [a/#]\nhttp:\n  port: 9000\n");
    GatewayConfig config =
        loader.load(
            Optional.of(file),
            Map.of("PLANTAR_MQTT_RECEIVE_MAXIMUM", "20", "PLANTAR_HTTP_PORT", "9001",
                "PLANTAR_MQTT_DENIED_TOPIC_FILTERS", "x/#, y/+"),
            Map.of("http.port", "9002"));
    assertThat(config.mqtt().port()).isEqualTo(1884);
    assertThat(config.mqtt().receiveMaximum()).isEqualTo(20);
    assertThat(config.mqtt().deniedTopicFilters()).containsExactly("x/#", "y/+");
    assertThat(config.http().port()).isEqualTo(9002);
  }

  @Test
  void everyKeyHasAnEnvironmentVariable() {
    assertThat(ConfigLoader.environmentName("mqtt.tlsPort")).isEqualTo("PLANTAR_MQTT_TLS_PORT");
    assertThat(ConfigLoader.environmentName("dataDir")).isEqualTo("PLANTAR_DATA_DIR");
    GatewayConfig config = loader.load(Optional.empty(), Map.of("PLANTAR_TLS_CLIENT_AUTH", "none", "PLANTAR_DATA_DIR", "/d"), Map.of());
    assertThat(config.dataDir()).isEqualTo("/d");
  }

  @Test
  void outOfBoundsValueFailsNamingTheKey() {
    assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("PLANTAR_MQTT_PORT", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.port:")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("mqtt.port"));
  }

  @Test
  void malformedValueFailsNamingTheKey() throws Exception {
    Path file = yaml("mqtt:\n  receiveMaximum: lots\n");
    assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.receiveMaximum:");
  }

  @Test
  void unknownKeyFailsNamingIt() throws Exception {
    Path file = yaml("mqtt:\n  prot: 1\n");
    assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.prot: unknown key");
  }

  @Test
  void inconsistentTlsSettingsFailNamingTheMissingKey() throws Exception {
    Path file = yaml("tls:\n  certificateFile: cert.pem\n");
    assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tls.privateKeyFile:");
  }
}
