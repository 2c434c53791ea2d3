package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.ingest.IngestSink;
import com.plantar.gateway.processing.WearerDirectory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode's {@link IngestSink}: each accepted frame is produced to the frames topic keyed by its
 * wearer ({@link FrameRecords}), and its stage completes <em>only in the producer's success
 * callback</em>, i.e. once the in-sync replicas have it (acks=all). A failed send completes the
 * stage exceptionally, so the ingest path refuses the publish and acknowledges nothing; the device
 * keeps the frame and sends it again. Nothing is buffered here beyond the producer's own in-flight
 * batches: an edge that dies loses nothing that was acknowledged.
 *
 * <p>Threads: {@link #append} runs on shard threads (the producer is thread-safe and, with {@code
 * max.block.ms} at 1 s, does not block them for long when Kafka is away); callbacks run on the
 * producer's I/O thread and only complete stages and count.
 */
public final class KafkaFrameLog implements IngestSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaFrameLog.class);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final WearerDirectory wearers;
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong unacknowledged = new AtomicLong();
  private volatile long lastSuccessNanos = System.nanoTime();
  private volatile long lastFailureNanos = lastSuccessNanos - 1;
  private volatile String lastFailure = "";

  /** @param wearers who wears each device (the registry's pairings, in memory, refreshed periodically) */
  public KafkaFrameLog(KafkaConfig config, WearerDirectory wearers, String clientId) {
    this(new KafkaProducer<>(KafkaClients.producer(config, clientId)), config.topic(), wearers);
  }

  KafkaFrameLog(Producer<byte[], byte[]> producer, String topic, WearerDirectory wearers) {
    this.producer = producer;
    this.topic = topic;
    this.wearers = wearers;
  }

  @Override
  public CompletionStage<Void> append(AcceptedFrame frame) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
        FrameRecords.key(wearers.wearerOf(frame.tenant(), frame.deviceId())), FrameRecords.value(frame));
    unacknowledged.incrementAndGet();
    try {
      producer.send(record, (metadata, failure) -> {
        unacknowledged.decrementAndGet();
        if (failure == null) {
          sent.increment();
          lastSuccessNanos = System.nanoTime();
          durable.complete(null);
        } else {
          failedSend(failure);
          durable.completeExceptionally(failure);
        }
      });
    } catch (RuntimeException e) {
      // Metadata not available within max.block.ms, producer closed, record too large: not stored.
      unacknowledged.decrementAndGet();
      failedSend(e);
      durable.completeExceptionally(e);
    }
    return durable;
  }

  private void failedSend(Throwable failure) {
    failed.increment();
    lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    lastFailureNanos = System.nanoTime();
    log.debug("frame not stored in Kafka: {}", lastFailure);
  }

  /** Frames Kafka has acknowledged. */
  public long sentFrames() {
    return sent.sum();
  }

  /** Sends that failed (each refused its publish). */
  public long failedSends() {
    return failed.sum();
  }

  /** Frames handed to the producer and neither acknowledged nor failed yet. */
  public long unacknowledgedFrames() {
    return unacknowledged.get();
  }

  /** Why the log is degraded: its latest send failed and none succeeded since. */
  public Optional<String> degradedReason() {
    return lastFailureNanos - lastSuccessNanos > 0
        ? Optional.of("kafka sends failing: " + lastFailure) : Optional.empty();
  }

  /** Waits for what is in flight (bounded), then closes the producer. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
