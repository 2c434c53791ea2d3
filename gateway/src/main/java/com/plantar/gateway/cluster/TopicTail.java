package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic from a recent point on, on a thread of its own, outside any
 * consumer group: every instance that tails a topic sees all of it (a broadcast). Used for what
 * each instance needs whole: commands on the edges, the live view on the edges, watch leases on the
 * processors. Records with the warm-up header are skipped. Between polls it runs {@code idle}
 * (renewals, clean-up), so its owner needs no second thread. The handler and {@code idle} run on this
 * tail's thread only.
 */
final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Duration lookBack;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final Runnable idle;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  /**
   * @param lookBack how far back to start ({@link Duration#ZERO}: at the end, only what comes next)
   */
  TopicTail(KafkaConfig config, String topic, String clientId, Duration lookBack,
      Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable idle) {
    Map<String, Object> props = new HashMap<>(KafkaClients.connection(config));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Topics are created by KafkaTopics.ensure with their fixed partition count, never by a reader.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(props);
    this.topic = topic;
    this.lookBack = lookBack;
    this.handler = handler;
    this.idle = idle;
    this.thread = new Thread(this::run, "plantar-tail-" + topic);
    this.thread.setDaemon(true);
  }

  /**
   * Starts the thread and waits up to 5 s until it reads (so that what is produced after this
   * returns is seen); when Kafka is not reachable yet it goes on trying in the background.
   */
  TopicTail start() throws InterruptedException {
    thread.start();
    assigned.await(5, TimeUnit.SECONDS);
    return this;
  }

  private void run() {
    try {
      while (running && !assign()) {
        // The topic is created by KafkaTopics.ensure (plantar process), maybe after this edge starts:
        // there is nothing to wait on but asking again.
        Thread.sleep(1_000);
      }
      assigned.countDown();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (record.headers().lastHeader(KafkaTopics.WARM_UP_HEADER) == null) {
            handler.accept(record);
          }
        }
        idle.run();
      }
    } catch (WakeupException | InterruptedException e) {
      // Closing.
    } catch (RuntimeException e) {
      log.error("tail of {} stopped", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Takes every partition, positioned {@code lookBack} before now; false while the topic does not exist. */
  private boolean assign() {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      log.warn("tail of {}: Kafka not reachable yet ({}); retrying", topic, e.getMessage());
      return false;
    }
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    if (!lookBack.isZero()) {
      long from = System.currentTimeMillis() - lookBack.toMillis();
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(p -> times.put(p, from));
      for (Map.Entry<TopicPartition, OffsetAndTimestamp> start : consumer.offsetsForTimes(times).entrySet()) {
        if (start.getValue() != null) {
          consumer.seek(start.getKey(), start.getValue().offset());
        }
      }
    }
    // Resolve the positions now, so that what is produced after start() returns is read.
    partitions.forEach(consumer::position);
    return true;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
