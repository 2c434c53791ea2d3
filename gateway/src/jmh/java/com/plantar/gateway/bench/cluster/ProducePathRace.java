package com.plantar.gateway.bench.cluster;

import com.plantar.gateway.cluster.FrameRecords;
import com.plantar.gateway.cluster.KafkaClients;
import com.plantar.gateway.cluster.KafkaFrameLog;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WearerDirectory;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.SampleBlock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka-mode produce path against a plain producer, to the same broker and topic, with the same
 * settings ({@link KafkaClients#producer}: acks=all, idempotence, lz4, linger 2 ms): {@link
 * KafkaFrameLog#append} fed accepted DATA frames (wearer look-up, key and value built per frame,
 * a stage completed in the success callback), against {@code KafkaProducer.send} of the very key and
 * value bytes that {@link FrameRecords} makes for those frames, built before the clock starts. Both
 * keep at most {@code window} sends in flight and are timed from the first send to the last
 * acknowledgement. Frames are those of the load generator: 16 cells × 25 samples, DELTA.
 */
final class ProducePathRace {
  /** Frames per second acknowledged by Kafka, each way. */
  record Result(double frameLogPerSecond, double plainPerSecond) {
    double ratio() {
      return frameLogPerSecond / plainPerSecond;
    }
  }

  private static final int DEVICES = 2_000;
  private static final int WINDOW = 16_384;

  private final KafkaConfig kafka;
  private final List<AcceptedFrame> frames;
  private final byte[][] keys;
  private final byte[][] values;

  ProducePathRace(KafkaConfig kafka) {
    this.kafka = kafka;
    FrameEncoder encoder = new FrameEncoder();
    SplittableRandom random = new SplittableRandom(11);
    long now = System.currentTimeMillis() * 1000;
    this.frames = new java.util.ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      long deviceId = 0x7100_0000_0000_0000L + d;
      int[] values = new int[16 * 25];
      for (int i = 0; i < values.length; i++) {
        values[i] = 200 + random.nextInt(1800);
      }
      byte[] bytes = encoder.encode(new DataFrame(new FrameHeader(CompatFlags.BACKLOG, deviceId, 1), d, 0, 240_000,
          25, 1, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 16, values))));
      frames.add(new AcceptedFrame("bench", deviceId, 1, MessageType.DATA, d, CompatFlags.BACKLOG, now, bytes));
    }
    keys = new byte[DEVICES][];
    this.values = new byte[DEVICES][];
    for (int d = 0; d < DEVICES; d++) {
      AcceptedFrame frame = frames.get(d);
      keys[d] = FrameRecords.key(WearerDirectory.EACH_DEVICE.wearerOf(frame.tenant(), frame.deviceId()));
      this.values[d] = FrameRecords.value(frame);
    }
  }

  /**
   * Both ways, {@code count} frames each, after an untimed warm-up of a fifth of that each way (JIT,
   * producer metadata); {@code frameLogFirst} alternates the order between runs.
   */
  Result run(int count, boolean frameLogFirst) throws InterruptedException {
    frameLog(count / 5);
    plain(count / 5);
    double frameLog;
    double plain;
    if (frameLogFirst) {
      frameLog = frameLog(count);
      plain = plain(count);
    } else {
      plain = plain(count);
      frameLog = frameLog(count);
    }
    return new Result(frameLog, plain);
  }

  private double frameLog(int count) throws InterruptedException {
    Semaphore window = new Semaphore(WINDOW);
    LongAdder failed = new LongAdder();
    try (KafkaFrameLog log = new KafkaFrameLog(kafka, WearerDirectory.EACH_DEVICE, "race-frame-log")) {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        window.acquire();
        log.append(frames.get(i % DEVICES)).whenComplete((ok, failure) -> {
          if (failure != null) {
            failed.increment();
          }
          window.release();
        });
      }
      window.acquire(WINDOW);
      return rate(count, failed, System.nanoTime() - start);
    }
  }

  private double plain(int count) throws InterruptedException {
    Semaphore window = new Semaphore(WINDOW);
    LongAdder failed = new LongAdder();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(kafka, "race-plain"))) {
      String topic = kafka.topic();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        window.acquire();
        int d = i % DEVICES;
        producer.send(new ProducerRecord<>(topic, keys[d], values[d]), (metadata, failure) -> {
          if (failure != null) {
            failed.increment();
          }
          window.release();
        });
      }
      window.acquire(WINDOW);
      return rate(count, failed, System.nanoTime() - start);
    }
  }

  private static double rate(int count, LongAdder failed, long nanos) {
    if (failed.sum() > 0) {
      throw new IllegalStateException(failed.sum() + " of " + count + " sends failed");
    }
    return count / (nanos / 1e9);
  }
}
