package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.live.DeviceActivity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The edge's side of the sync status in cluster mode: reads the compacted activity topic whole (from
 * its start, then as it grows) into this instance's {@link DeviceActivity}, which the sync route
 * reads as in single-node mode. Runs on its tail's thread, the one writer of that activity.
 */
public final class ActivityRelay implements AutoCloseable {
  /** Back to the topic's start: its retention (30 days) bounds it. */
  private static final Duration FROM_START = Duration.ofDays(31);

  private final DeviceActivity activity;
  private final TopicTail tail;
  private final LongAdder invalid = new LongAdder();

  private ActivityRelay(KafkaConfig config, String clientId, DeviceActivity activity) {
    this.activity = activity;
    this.tail = new TopicTail(config, KafkaTopics.activity(config), clientId + "-activity", FROM_START, this::relay,
        () -> {});
  }

  public static ActivityRelay start(KafkaConfig config, String clientId, DeviceActivity activity)
      throws InterruptedException {
    ActivityRelay relay = new ActivityRelay(config, clientId, activity);
    relay.tail.start();
    return relay;
  }

  private void relay(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    String device = key.substring(key.indexOf('/') + 1);
    DeviceActivity.Snapshot snapshot = LiveRecords.activityOf(record.value());
    if (snapshot == null || device.length() != 16) {
      invalid.increment();
      return;
    }
    activity.learn(device, snapshot);
  }

  /** Records on the activity topic that were not a device's state of this version. */
  public long invalid() {
    return invalid.sum();
  }

  @Override
  public void close() {
    tail.close();
  }
}
