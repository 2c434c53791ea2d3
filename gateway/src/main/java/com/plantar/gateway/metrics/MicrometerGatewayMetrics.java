package com.plantar.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link GatewayMetrics} on a Micrometer Prometheus registry; {@link #scrape()} renders the text
 * format served on {@code /metrics}. Thread-safe: meters are created once and cached.
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {

  private final PrometheusMeterRegistry registry;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong inflight = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong pendingCompletions = new AtomicLong();
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter publishesAccepted;
  private final Timer publishToAck;
  private final Map<String, Counter> connectionsOpened = new ConcurrentHashMap<>();
  private final Map<String, Counter> packetsIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> packetsOut = new ConcurrentHashMap<>();
  private final Map<String, Counter> aclDenials = new ConcurrentHashMap<>();
  private final Map<String, Counter> drops = new ConcurrentHashMap<>();
  private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

  public MicrometerGatewayMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public MicrometerGatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    registry.gauge("plantar.mqtt.connections", connections);
    registry.gauge("plantar.mqtt.inflight", inflight);
    registry.gauge("plantar.mqtt.queued.messages", queued);
    registry.gauge("plantar.mqtt.pending.completions", pendingCompletions);
    bytesIn = Counter.builder("plantar.mqtt.bytes").tag("direction", "in").register(registry);
    bytesOut = Counter.builder("plantar.mqtt.bytes").tag("direction", "out").register(registry);
    publishesAccepted = registry.counter("plantar.mqtt.publishes.accepted");
    publishToAck =
        Timer.builder("plantar.mqtt.publish.to.ack")
            .description("Time from an inbound QoS 1/2 PUBLISH to its PUBACK/PUBREC")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    for (Rejection reason : Rejection.values()) {
      rejections.put(
          reason,
          Counter.builder("plantar.mqtt.rejections").tag("reason", reason.tag()).register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void connectionOpened(String listener) {
    connections.incrementAndGet();
    connectionsOpened
        .computeIfAbsent(
            listener,
            l -> Counter.builder("plantar.mqtt.connections.opened").tag("listener", l).register(registry))
        .increment();
  }

  @Override
  public void connectionClosed(String listener) {
    connections.decrementAndGet();
  }

  @Override
  public void packetIn(String type) {
    packetsIn
        .computeIfAbsent(type, t -> packetCounter(t, "in"))
        .increment();
  }

  @Override
  public void packetOut(String type) {
    packetsOut
        .computeIfAbsent(type, t -> packetCounter(t, "out"))
        .increment();
  }

  private Counter packetCounter(String type, String direction) {
    return Counter.builder("plantar.mqtt.packets")
        .tag("type", type)
        .tag("direction", direction)
        .register(registry);
  }

  @Override
  public void bytesIn(long bytes) {
    bytesIn.increment(bytes);
  }

  @Override
  public void bytesOut(long bytes) {
    bytesOut.increment(bytes);
  }

  @Override
  public void publishAccepted() {
    publishesAccepted.increment();
  }

  @Override
  public void rejected(Rejection reason) {
    rejections.get(reason).increment();
  }

  @Override
  public void aclDenied(String action) {
    aclDenials
        .computeIfAbsent(
            action,
            a -> Counter.builder("plantar.mqtt.acl.denials").tag("action", a).register(registry))
        .increment();
  }

  @Override
  public void messageDropped(String reason) {
    drops
        .computeIfAbsent(
            reason,
            r -> Counter.builder("plantar.mqtt.messages.dropped").tag("reason", r).register(registry))
        .increment();
  }

  @Override
  public void inflightChanged(int delta) {
    inflight.addAndGet(delta);
  }

  @Override
  public void queuedChanged(int delta) {
    queued.addAndGet(delta);
  }

  @Override
  public void pendingCompletionsChanged(int delta) {
    pendingCompletions.addAndGet(delta);
  }

  @Override
  public void publishToAck(long nanos) {
    publishToAck.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Current count of a rejection reason; for tests and the health endpoint. */
  public double rejections(Rejection reason) {
    return rejections.get(reason).count();
  }
}
