package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.DeviceIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The processor's side of the sync status in cluster mode: keeps a {@link DeviceActivity} of the
 * devices it processes and publishes each device's {@link DeviceActivity.Snapshot} to the compacted
 * activity topic, which every edge reads whole ({@link ActivityRelay}): at once on a HELLO or EVENT
 * (backlog announced, battery), on a device's first DATA and then at most every {@link #REFRESH}
 * (last seen, time quality).
 *
 * <p>Threads: called on the partition owner that owns the device's wearer (one writer per device); the
 * maps are concurrent.
 */
public final class ActivityPublisher implements LiveTap, AutoCloseable {
  /** How stale an edge's "last seen" may be while a device streams. */
  static final Duration REFRESH = Duration.ofSeconds(15);

  private final DeviceActivity activity = new DeviceActivity();
  /** When each device's state was last sent because of its DATA (HELLO and EVENT sends do not count). */
  private final Map<String, Long> lastDataSentMs = new ConcurrentHashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public ActivityPublisher(KafkaConfig config, String clientId) {
    this.producer = new KafkaProducer<>(KafkaClients.bestEffortProducer(config, clientId + "-activity"));
    this.topic = KafkaTopics.activity(config);
    KafkaClients.warmUp(producer, topic);
  }

  @Override
  public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
      long receivedUtcUs) {
    activity.onHello(wearer, deviceId, description, helloJson, receivedUtcUs);
    send(wearer.tenant(), DeviceIds.toHex(deviceId), false);
  }

  @Override
  public void onEvent(WearerRef wearer, long deviceId, String eventJson, long receivedUtcUs) {
    activity.onEvent(wearer, deviceId, eventJson, receivedUtcUs);
    send(wearer.tenant(), DeviceIds.toHex(deviceId), false);
  }

  @Override
  public void onData(WearerRef wearer, long deviceId, long receivedUtcUs, long lastSampleUtcUs, TimeQuality quality) {
    activity.onData(wearer, deviceId, receivedUtcUs, lastSampleUtcUs, quality);
    String device = DeviceIds.toHex(deviceId);
    Long last = lastDataSentMs.get(device);
    if (last == null || System.currentTimeMillis() - last >= REFRESH.toMillis()) {
      send(wearer.tenant(), device, true);
    }
  }

  private void send(String tenant, String device, boolean forData) {
    if (forData) {
      lastDataSentMs.put(device, System.currentTimeMillis());
    }
    activity.snapshot(device).ifPresent(snapshot -> {
      try {
        producer.send(new ProducerRecord<>(topic, (tenant + "/" + device).getBytes(StandardCharsets.UTF_8),
            LiveRecords.activity(snapshot)), (metadata, error) -> {
              if (error != null) {
                // Not sent: the device's next DATA sends its whole state again.
                lastDataSentMs.remove(device);
              }
            });
      } catch (RuntimeException e) {
        lastDataSentMs.remove(device);
      }
    });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(2));
  }
}
