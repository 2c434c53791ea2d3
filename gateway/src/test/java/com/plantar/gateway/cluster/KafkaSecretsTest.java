package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.processing.WearerDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kafka credentials come from a secret file and are never printed: not by our config's toString,
 * not by the Kafka client's own configuration dump (captured at INFO here, where it is printed).
 */
class KafkaSecretsTest {
  private static final String PASSWORD = "s3cr3t-kafka-password";

  @TempDir Path dir;

  @Test
  void theSaslPasswordIsReadFromItsFileAndNeverLogged() throws Exception {
    Path secret = Files.writeString(dir.resolve("kafka-password"), PASSWORD + "\n");
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(
        ConfigLoader.environmentName("kafka.saslPasswordFile"), secret.toString()), Map.of(
        "kafka.bootstrapServers", "127.0.0.1:1", "kafka.securityProtocol", "SASL_PLAINTEXT",
        "kafka.saslMechanism", "PLAIN", "kafka.saslUsername", "edge"));
    assertThat(KafkaClients.connection(config.kafka()).get("sasl.jaas.config").toString()).contains(PASSWORD);

    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Logger kafkaLog = (Logger) LoggerFactory.getLogger("org.apache.kafka");
    Level before = kafkaLog.getLevel();
    lines.start();
    kafkaLog.addAppender(lines);
    kafkaLog.setLevel(Level.INFO);
    try (KafkaFrameLog log = new KafkaFrameLog(config.kafka(), WearerDirectory.EACH_DEVICE, "secrets-test")) {
      assertThat(log.unacknowledgedFrames()).isZero();
    } finally {
      kafkaLog.detachAppender(lines);
      kafkaLog.setLevel(before);
    }
    assertThat(lines.list).as("the client's config dump was captured")
        .anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("sasl.jaas.config"));
    assertThat(lines.list).allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(PASSWORD));
    assertThat(config.toString()).doesNotContain(PASSWORD);
  }
}
