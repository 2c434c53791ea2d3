package com.plantar.gateway.metrics;

import com.plantar.gateway.ingest.IngestMetrics;
import com.plantar.gateway.ingest.IngestVerdict;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.MessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest path's counters on Micrometer: frames accepted by type, frames rejected by decoder
 * reason, publishes refused by verdict, duplicates, ACK/NACK traffic, and publish→durable time.
 * No per-device tags. Meters are created up front, so the hot path only increments.
 */
public final class MicrometerIngestMetrics implements IngestMetrics {
  private final Map<MessageType, Counter> accepted = new EnumMap<>(MessageType.class);
  private final Map<DecodeStatus, Counter> rejected = new EnumMap<>(DecodeStatus.class);
  private final Map<IngestVerdict, Counter> refused = new EnumMap<>(IngestVerdict.class);
  private final Counter duplicates;
  private final Counter beyondWindow;
  private final Counter liveOutOfOrder;
  private final Counter acks;
  private final Counter nackedFrames;
  private final Counter unknownParts;
  private final Timer publishToDurable;

  public MicrometerIngestMetrics(MeterRegistry registry) {
    for (MessageType type : MessageType.values()) {
      accepted.put(type, Counter.builder("plantar.ingest.frames.accepted").tag("type", tag(type.name())).register(registry));
    }
    for (DecodeStatus status : DecodeStatus.values()) {
      if (!status.isOk()) {
        rejected.put(status, Counter.builder("plantar.ingest.frames.rejected").tag("reason", tag(status.name())).register(registry));
      }
    }
    for (IngestVerdict verdict : IngestVerdict.values()) {
      if (!verdict.accepted()) {
        refused.put(verdict, Counter.builder("plantar.ingest.publishes.refused").tag("verdict", tag(verdict.name())).register(registry));
      }
    }
    duplicates = registry.counter("plantar.ingest.duplicates");
    beyondWindow = registry.counter("plantar.ingest.beyond.window");
    liveOutOfOrder = registry.counter("plantar.ingest.live.out.of.order");
    acks = registry.counter("plantar.ingest.acks.sent");
    nackedFrames = registry.counter("plantar.ingest.nacked.frames");
    unknownParts = registry.counter("plantar.ingest.unknown.parts");
    publishToDurable = Timer.builder("plantar.ingest.publish.durable")
        .description("publish arrival until all its frames are durable")
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  private static String tag(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public void frameAccepted(MessageType type) {
    accepted.get(type).increment();
  }

  @Override
  public void frameRejected(DecodeStatus reason) {
    Counter counter = rejected.get(reason);
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void publishRefused(IngestVerdict verdict) {
    Counter counter = refused.get(verdict);
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void duplicateDropped() {
    duplicates.increment();
  }

  @Override
  public void beyondWindow() {
    beyondWindow.increment();
  }

  @Override
  public void liveOutOfOrder() {
    liveOutOfOrder.increment();
  }

  @Override
  public void ackSent() {
    acks.increment();
  }

  @Override
  public void nackSent(int frames) {
    nackedFrames.increment(frames);
  }

  @Override
  public void unknownExtensionsOrBlocks(int count) {
    unknownParts.increment(count);
  }

  @Override
  public void publishToDurableNanos(long nanos) {
    publishToDurable.record(nanos, TimeUnit.NANOSECONDS);
  }
}
