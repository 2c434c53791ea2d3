package com.plantar.gateway.cluster;

import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.config.KafkaConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Cluster mode's way to a device: the command goes to the commands topic (durable producer, keyed by
 * device), which every edge tails ({@link CommandRelay}); the edge that holds the device's connection
 * sends it. Completes {@link CommandResult#ROUTED} once Kafka has it.
 */
public final class KafkaCommands implements CommandSender, AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public KafkaCommands(KafkaConfig config, String clientId) {
    this.producer = new KafkaProducer<>(KafkaClients.producer(config, clientId));
    this.topic = KafkaTopics.commands(config);
  }

  @Override
  public CompletionStage<CommandResult> send(DeviceCommand command) {
    CompletableFuture<CommandResult> routed = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic, CommandRecords.key(command), CommandRecords.value(command)),
          (metadata, error) -> {
            if (error == null) {
              routed.complete(CommandResult.ROUTED);
            } else {
              routed.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      routed.completeExceptionally(e);
    }
    return routed;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
