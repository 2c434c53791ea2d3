package com.plantar.gateway.cluster;

import com.plantar.gait.FootSide;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.live.InsoleLayout;
import com.plantar.gateway.live.LiveFrame;
import com.plantar.gateway.live.LiveSampler;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The processor's side of the live view in cluster mode. The edges that serve a browser watching a
 * wearer keep a lease on the compacted watch topic ({@link LiveRelay}); this tails it, and for the
 * wearers with a lease that has not expired it makes {@link LiveFrame}s (20 a second of sample time,
 * as single-node mode does) and sends them to the live topic keyed by wearer, where every edge reads
 * them. On a lease, and on a HELLO of a watched wearer, it also sends the wearer's layouts.
 *
 * <p>Threads: {@link #onHello} and {@link #onPressure} run on the partition owner that owns the wearer
 * (so each wearer's sampler has one user); leases are read on the tail's thread; the maps are
 * concurrent. A wearer nobody watches costs one map look-up per frame.
 */
public final class LivePublisher implements LiveTap, AutoCloseable {
  /** Clean-up of expired leases: a lease is renewed every 10 s and lasts 30 s. */
  private static final long SWEEP_MS = 10_000;
  private static final InsoleLayout[] NO_LAYOUTS = new InsoleLayout[2];

  private final Map<WearerRef, Long> leases = new ConcurrentHashMap<>();
  private final Map<WearerRef, InsoleLayout[]> layouts = new ConcurrentHashMap<>();
  private final Map<WearerRef, LiveSampler> samplers = new ConcurrentHashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final String liveTopic;
  private final TopicTail leaseTail;
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();
  private long lastSweepMs;

  private LivePublisher(KafkaConfig config, String clientId) {
    this.producer = new KafkaProducer<>(KafkaClients.bestEffortProducer(config, clientId + "-live"));
    this.liveTopic = KafkaTopics.live(config);
    KafkaClients.warmUp(producer, liveTopic);
    // Leases written in the last 30 s may still hold: start there, not at the end.
    this.leaseTail = new TopicTail(config, KafkaTopics.watch(config), clientId + "-watch", LiveRelay.LEASE,
        this::onLease, this::sweep);
  }

  public static LivePublisher start(KafkaConfig config, String clientId) throws InterruptedException {
    LivePublisher publisher = new LivePublisher(config, clientId);
    publisher.leaseTail.start();
    return publisher;
  }

  @Override
  public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
      long receivedUtcUs) {
    InsoleLayout[] feet = layouts.getOrDefault(wearer, NO_LAYOUTS).clone();
    feet[description.side().ordinal()] = InsoleLayout.of(description);
    layouts.put(wearer, feet);
    if (watching(wearer)) {
      send(wearer, LiveRecords.layouts(feet));
    }
  }

  @Override
  public boolean watching(WearerRef wearer) {
    Long expires = leases.get(wearer);
    return expires != null && expires > System.currentTimeMillis();
  }

  @Override
  public void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {
    LiveFrame frame = samplers.computeIfAbsent(wearer, w -> new LiveSampler())
        .sample(foot, utcUs, kpa, layouts.getOrDefault(wearer, NO_LAYOUTS));
    if (frame != null) {
      send(wearer, LiveRecords.frame(frame));
      framesSent.increment();
    }
  }

  private void onLease(ConsumerRecord<byte[], byte[]> record) {
    WearerRef wearer = FrameRecords.wearerOf(record.key());
    long expires = LiveRecords.leaseOf(record.value());
    if (wearer == null || expires < System.currentTimeMillis()) {
      return;
    }
    leases.put(wearer, expires);
    InsoleLayout[] feet = layouts.get(wearer);
    if (feet != null) {
      // Only the wearer's partition owner has them: the edge's layout request is answered once.
      send(wearer, LiveRecords.layouts(feet));
    }
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    if (now - lastSweepMs >= SWEEP_MS) {
      lastSweepMs = now;
      leases.entrySet().removeIf(lease -> lease.getValue() < now);
      samplers.keySet().retainAll(leases.keySet());
    }
  }

  private void send(WearerRef wearer, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(liveTopic, FrameRecords.key(wearer), value), (metadata, error) -> {
        if (error != null) {
          sendFailures.increment();
        }
      });
    } catch (RuntimeException e) {
      // Buffer full or Kafka away: a live frame is worth nothing later; never block processing for it.
      sendFailures.increment();
    }
  }

  /** Live frames handed to the producer. */
  public long framesSent() {
    return framesSent.sum();
  }

  /** Live frames and layouts Kafka did not take (dropped: the view shows now, not the past). */
  public long sendFailures() {
    return sendFailures.sum();
  }

  @Override
  public void close() {
    leaseTail.close();
    producer.close(Duration.ofSeconds(2));
  }
}
