package com.plantar.gateway.cluster;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.protocol.MessageType;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor thread: a consumer in the group (a static member), the {@link PartitionOwner} of
 * each partition assigned to it, and its own output. Every partition, and so every wearer, is owned
 * by exactly one such thread. Offsets are committed only after {@link GaitOutput#flush()} confirmed
 * that the store has every result of the records before them, and after the context records they
 * produced are in Kafka. On assignment: the context topic's partition is read to its end (insole
 * descriptions and clocks), then the frames from {@code committed timestamp − window} up to the
 * committed offset are replayed without emitting, then processing goes on.
 */
final class PartitionWorker implements Runnable, ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

  private final KafkaConfig config;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> contextProducer;
  /** Reads context partitions on assignment; kept for the worker's life (creating one costs a connection). */
  private final KafkaConsumer<byte[], byte[]> contextReader;
  private final GaitOutput output;
  private final LiveTap live;
  private final GaitConfig gaitConfig;
  private final ClusterCounters counters;
  private final Duration commitInterval;
  private final String memberId;
  private final Map<TopicPartition, PartitionOwner> owners = new HashMap<>();
  private volatile boolean running = true;
  private int partitionCount;

  PartitionWorker(KafkaConfig config, String memberId, GaitOutput output, LiveTap live, GaitConfig gaitConfig,
      ClusterCounters counters, Duration commitInterval) {
    this.live = live;
    this.config = config;
    this.memberId = memberId;
    this.consumer = new KafkaConsumer<>(KafkaClients.consumer(config, memberId));
    this.contextProducer = new KafkaProducer<>(KafkaClients.producer(config, memberId + "-context"));
    Map<String, Object> reader = KafkaClients.connection(config);
    reader.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    reader.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    reader.put("client.id", memberId + "-restore");
    reader.put("enable.auto.commit", false);
    this.contextReader = new KafkaConsumer<>(reader);
    this.output = output;
    this.gaitConfig = gaitConfig;
    this.counters = counters;
    this.commitInterval = commitInterval;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(config.topic()), this);
      long lastCommit = System.nanoTime();
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition partition : records.partitions()) {
          PartitionOwner owner = owners.get(partition);
          for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            process(partition, owner, record);
          }
        }
        owners.values().forEach(PartitionOwner::tick);
        if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
          commit(owners);
          lastCommit = System.nanoTime();
        }
      }
      commit(owners);
    } catch (WakeupException e) {
      commit(owners);
    } catch (RuntimeException e) {
      log.error("processor {} stopped", memberId, e);
    } finally {
      // Static membership: close() does not leave the group, so a restart within the session
      // timeout gets the same partitions back without a rebalance.
      consumer.close(Duration.ofSeconds(5));
      contextProducer.close(Duration.ofSeconds(5));
      contextReader.close(Duration.ofSeconds(5));
    }
  }

  private void process(TopicPartition partition, PartitionOwner owner, ConsumerRecord<byte[], byte[]> record) {
    if (record.headers().lastHeader(KafkaTopics.WARM_UP_HEADER) != null) {
      owner.nextOffset = record.offset() + 1;
      return;
    }
    WearerRef wearer = FrameRecords.wearerOf(record.key());
    AcceptedFrame frame = FrameRecords.frameOf(record.value());
    if (wearer == null || frame == null
        || Utils.toPositive(Utils.murmur2(record.key())) % partitionCount != partition.partition()) {
      counters.foreign.increment();
      owner.nextOffset = record.offset() + 1;
      return;
    }
    boolean emitting = record.offset() >= owner.committedOffset;
    owner.process(record.offset(), record.timestamp(), wearer, frame);
    if (emitting && (frame.type() == MessageType.HELLO || frame.type() == MessageType.ANCHOR)) {
      // Long-lived per-insole context, co-partitioned with the frames; compaction keeps the latest.
      byte[] key = (frame.tenant() + "/" + frame.deviceId() + "/" + frame.type()).getBytes();
      contextProducer.send(new ProducerRecord<>(config.contextTopic(), partition.partition(), key, record.value(),
          List.of(new org.apache.kafka.common.header.internals.RecordHeader("wearer", record.key()))));
    }
  }

  /** Commits what the store has: flush the output and the context first, then the offsets. */
  private void commit(Map<TopicPartition, PartitionOwner> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    which.forEach((partition, owner) -> {
      if (owner.hasUncommitted()) {
        offsets.put(partition, new OffsetAndMetadata(owner.commitOffset(), Long.toString(owner.lastTimestamp)));
      }
    });
    if (offsets.isEmpty()) {
      return;
    }
    try {
      output.flush().toCompletableFuture().join();
      contextProducer.flush();
      consumer.commitSync(offsets);
      offsets.forEach((partition, offset) -> which.get(partition).committedOffset = offset.offset());
      counters.commits.increment();
    } catch (CompletionException e) {
      log.warn("store did not commit; offsets stay (the records are processed again later): {}",
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    } catch (RuntimeException e) {
      log.warn("offset commit failed; the records after the last commit will be replayed: {}", e.toString());
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    Map<TopicPartition, PartitionOwner> leaving = new HashMap<>();
    partitions.forEach(p -> {
      PartitionOwner owner = owners.get(p);
      if (owner != null) {
        leaving.put(p, owner);
      }
    });
    commit(leaving);
    partitions.forEach(owners::remove);
    // For operators and the fault tests: in a rolling restart within the session timeout only the
    // instance that stops logs this (at close); another one doing so means partitions moved.
    if (!partitions.isEmpty()) {
      log.info("processor {} gives up partitions {}", memberId, partitions);
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    // Another member owns them already: committing would be refused; drop their state.
    partitions.forEach(owners::remove);
    log.info("processor {} lost partitions {}", memberId, partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    partitionCount = consumer.partitionsFor(config.topic()).size();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.copyOf(partitions));
    Map<TopicPartition, Long> replayFrom = new HashMap<>();
    Map<Integer, PartitionOwner> assigned = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata commit = committed.get(partition);
      long committedOffset = commit == null ? 0 : commit.offset();
      assigned.put(partition.partition(), new PartitionOwner(output, live, gaitConfig, counters, committedOffset));
    }
    restoreContext(assigned);
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata commit = committed.get(partition);
      PartitionOwner owner = assigned.get(partition.partition());
      owners.put(partition, owner);
      counters.assignments.increment();
      if (commit != null && !commit.metadata().isEmpty() && config.replayWindowSeconds() > 0) {
        long committedTimestamp = Long.parseLong(commit.metadata());
        replayFrom.put(partition, Math.max(0, committedTimestamp - config.replayWindowSeconds() * 1000L));
      }
    }
    if (!replayFrom.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(replayFrom);
      starts.forEach((partition, start) -> {
        long committedOffset = committed.get(partition).offset();
        consumer.seek(partition, start == null ? committedOffset : Math.min(start.offset(), committedOffset));
      });
    }
    log.info("processor {} owns partitions {}", memberId, partitions);
  }

  /**
   * Reads the assigned partitions' context (HELLO/ANCHOR per insole) to their current ends into
   * their owners, all at once with the one reader: a rebalance that moves several partitions waits
   * for one round of reads, not one per partition.
   */
  private void restoreContext(Map<Integer, PartitionOwner> assigned) {
    List<TopicPartition> context = assigned.keySet().stream()
        .map(p -> new TopicPartition(config.contextTopic(), p)).toList();
    contextReader.assign(context);
    contextReader.seekToBeginning(context);
    Map<TopicPartition, Long> ends = contextReader.endOffsets(context);
    List<TopicPartition> unread = new java.util.ArrayList<>(context);
    while (true) {
      unread.removeIf(p -> contextReader.position(p) >= ends.get(p));
      if (unread.isEmpty()) {
        break;
      }
      for (ConsumerRecord<byte[], byte[]> record : contextReader.poll(Duration.ofMillis(200))) {
        var header = record.headers().lastHeader("wearer");
        WearerRef wearer = header == null ? null : FrameRecords.wearerOf(header.value());
        AcceptedFrame frame = FrameRecords.frameOf(record.value());
        if (wearer != null && frame != null) {
          assigned.get(record.partition()).restore(wearer, frame);
        }
      }
    }
    contextReader.unsubscribe();
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }
}
