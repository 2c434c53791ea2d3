package com.plantar.gateway.cli;

import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.simulator.fleet.FleetConfig;
import com.plantar.simulator.fleet.SimulatorFleet;
import com.plantar.simulator.fleet.WearerIdentity;
import com.plantar.simulator.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Heel strike → queryable stride, measured beside a load step: a few simulated wearers walk in real
 * time against the gateway (gait model, real firmware behaviour: HELLO, time sync, 100 Hz frames of
 * 25 samples sent live), and this thread asks the store for their strides every {@link #POLL_MILLIS}.
 * A stride row can exist only once its closing heel strike (the next initial contact of that foot)
 * has happened, so the latency of a row is the wall time at which a poll first returned it minus the
 * UTC time of that heel strike as the gateway mapped it (the simulator's clock, time-synced like a
 * device's). It includes waiting for the frame to fill (up to 250 ms), MQTT, journal, processing,
 * the store's commit, and up to one poll interval (so it errs high by at most {@link #POLL_MILLIS}).
 */
final class StrideLatencyProbe {
  static final int POLL_MILLIS = 200;
  private static final String TENANT = "probe";
  /** Strides closed in the first seconds wait for the first HELLO and time sync: not counted. */
  private static final long WARM_UP_US = 3_000_000;

  private final TimeSeriesStore store;
  private final SimulatorFleet fleet;
  private final List<String> wearers = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final List<Long> latenciesUs = new ArrayList<>();
  private final long startUtcUs = nowUtcUs();
  private final Thread poller;
  private volatile boolean running = true;

  /** Starts {@code walkers} wearers (two insoles each, each insole its own connection) and the polling. */
  StrideLatencyProbe(int mqttPort, TimeSeriesStore store, int walkers, long firstDeviceId) {
    this.store = store;
    FleetConfig config = FleetConfig.of("tcp://127.0.0.1:" + mqttPort, walkers).withTenant(TENANT)
        .withMqttVersion(MqttVersion.V5).withHubMode(false).withFirstDeviceId(firstDeviceId);
    for (WearerIdentity id : config.identities()) {
      // Not paired to a hub in the registry: each insole is a wearer of its own, named by its id.
      wearers.add(id.leftHex());
      wearers.add(id.rightHex());
    }
    this.fleet = SimulatorFleet.start(config, identity -> null);
    this.poller = new Thread(this::poll, "bench-stride-probe");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running) {
      long polled = nowUtcUs();
      for (String wearer : wearers) {
        try {
          for (StrideRow row : store.readStrides(TENANT, wearer, new TimeRange(startUtcUs, polled + 60_000_000L))) {
            String key = row.device() + "/" + row.initialContactUtcUs();
            if (seen.add(key) && row.nextInitialContactUtcUs() - startUtcUs >= WARM_UP_US) {
              latenciesUs.add(nowUtcUs() - row.nextInitialContactUtcUs());
            }
          }
        } catch (RuntimeException e) {
          // The store is busy or closing: this poll is lost, the next one finds the rows.
        }
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops walking and polling; returns {p50, p99, count} of the latencies in ms (NaN when none). */
  double[] finish() throws InterruptedException {
    running = false;
    poller.join(TimeUnit.SECONDS.toMillis(10));
    fleet.close();
    long[] sorted = latenciesUs.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    return new double[] {percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, sorted.length};
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static long nowUtcUs() {
    return TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
  }
}
