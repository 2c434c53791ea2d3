package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.live.InsoleLayout;
import com.plantar.gateway.live.LiveFeed;
import com.plantar.gateway.live.LiveFrame;
import com.plantar.gateway.processing.WearerRef;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The edge's side of the live view in cluster mode: the wearers are processed elsewhere, so this
 * instance's {@link LiveFeed} gets its frames and layouts from the live topic, and asks for them with
 * leases on the watch topic ({@link LivePublisher} reads those): a lease when someone starts watching
 * or asks for a layout, renewed every {@link #RENEW} while anyone watches, lasting {@link #LEASE}.
 *
 * <p>Threads: everything here runs on the tail's thread (it is the one writer of the feed's channels);
 * {@link LiveFeed.Demand#want} only queues the wearer.
 */
public final class LiveRelay implements AutoCloseable {
  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration RENEW = Duration.ofSeconds(10);

  private final LiveFeed feed;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String watchTopic;
  private final TopicTail tail;
  private final Queue<WearerRef> wanted = new ConcurrentLinkedQueue<>();
  private final LongAdder framesRelayed = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private long lastRenewalMs;

  private LiveRelay(KafkaConfig config, String clientId) {
    this.feed = new LiveFeed(wanted::add);
    this.producer = new KafkaProducer<>(KafkaClients.bestEffortProducer(config, clientId + "-watch"));
    this.watchTopic = KafkaTopics.watch(config);
    KafkaClients.warmUp(producer, watchTopic);
    this.tail = new TopicTail(config, KafkaTopics.live(config), clientId + "-live", Duration.ZERO, this::relay,
        this::lease);
  }

  public static LiveRelay start(KafkaConfig config, String clientId) throws InterruptedException {
    LiveRelay relay = new LiveRelay(config, clientId);
    relay.tail.start();
    return relay;
  }

  /** The feed the API's live routes read. */
  public LiveFeed feed() {
    return feed;
  }

  private void relay(ConsumerRecord<byte[], byte[]> record) {
    WearerRef wearer = FrameRecords.wearerOf(record.key());
    LiveFrame frame = wearer == null ? null : LiveRecords.frameOf(record.value());
    if (frame != null) {
      feed.publish(wearer, frame);
      framesRelayed.increment();
      return;
    }
    InsoleLayout[] layouts = wearer == null ? null : LiveRecords.layoutsOf(record.value());
    if (layouts != null) {
      feed.learnLayouts(wearer, layouts);
    } else {
      invalid.increment();
    }
  }

  /** Between polls: leases for the newly wanted at once, for everyone watched every {@link #RENEW}. */
  private void lease() {
    long now = System.currentTimeMillis();
    for (WearerRef wearer = wanted.poll(); wearer != null; wearer = wanted.poll()) {
      send(wearer, now);
    }
    if (now - lastRenewalMs >= RENEW.toMillis()) {
      lastRenewalMs = now;
      feed.watched().forEach(wearer -> send(wearer, now));
    }
  }

  private void send(WearerRef wearer, long now) {
    try {
      producer.send(new ProducerRecord<>(watchTopic, FrameRecords.key(wearer), LiveRecords.lease(now + LEASE.toMillis())));
    } catch (RuntimeException e) {
      // Kafka away: the next renewal tries again; the viewer sees no frames meanwhile.
    }
  }

  /** Live frames received from the processors and handed to local viewers' channels. */
  public long framesRelayed() {
    return framesRelayed.sum();
  }

  /** Records on the live topic that were neither a frame nor layouts of this version. */
  public long invalid() {
    return invalid.sum();
  }

  @Override
  public void close() {
    tail.close();
    producer.close(Duration.ofSeconds(2));
  }
}
