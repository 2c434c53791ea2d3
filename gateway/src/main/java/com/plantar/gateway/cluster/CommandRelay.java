package com.plantar.gateway.cluster;

import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.config.KafkaConfig;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * On every edge: tails the commands topic (from its end at start) and hands each command that is
 * still wanted to this edge's MQTT server. Only the edge whose server has the device's session
 * sends it; the others count it as not theirs. Runs on its {@link TopicTail}'s thread.
 */
public final class CommandRelay implements AutoCloseable {
  private final CommandSender local;
  private final TopicTail tail;
  private final LongAdder sent = new LongAdder();
  private final LongAdder notHere = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder invalid = new LongAdder();

  private CommandRelay(KafkaConfig config, String clientId, CommandSender local) {
    this.local = local;
    this.tail = new TopicTail(config, KafkaTopics.commands(config), clientId, Duration.ZERO, this::relay, () -> {});
  }

  /** Starts tailing; see {@link TopicTail#start()} for how long it may wait for Kafka. */
  public static CommandRelay start(KafkaConfig config, String clientId, CommandSender local)
      throws InterruptedException {
    CommandRelay relay = new CommandRelay(config, clientId, local);
    relay.tail.start();
    return relay;
  }

  private void relay(ConsumerRecord<byte[], byte[]> record) {
    DeviceCommand command = CommandRecords.commandOf(record.value());
    if (command == null) {
      invalid.increment();
    } else if (command.expired(System.currentTimeMillis())) {
      expired.increment();
    } else {
      local.send(command).thenAccept(result -> (result == CommandResult.QUEUED ? sent : notHere).increment());
    }
  }

  /** Commands this edge queued for a device session of its own. */
  public long sent() {
    return sent.sum();
  }

  /** Commands for devices not connected here (another edge has them, or none). */
  public long notHere() {
    return notHere.sum();
  }

  /** Commands read after their time was up (this edge was behind). */
  public long expired() {
    return expired.sum();
  }

  /** Records that are not commands of this version. */
  public long invalid() {
    return invalid.sum();
  }

  @Override
  public void close() {
    tail.close();
  }
}
