package com.plantar.simulator.fleet;

import com.plantar.protocol.Encoding;
import com.plantar.simulator.device.DeviceCounters;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.InsoleFirmware;
import com.plantar.simulator.device.VirtualInsole;
import com.plantar.simulator.model.ForceSource;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.GaitPresets;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import com.plantar.simulator.mqtt.ConnectionSettings;
import com.plantar.simulator.mqtt.DeviceConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running fleet of simulated wearers against a broker or gateway. Wearers are split over a few
 * simulation threads ("shards", not one per device): each shard owns its connections, their
 * devices and gait models, and ticks them every {@value #TICK_MS} ms on real time. Paho's own
 * threads only hand events over to the shard.
 *
 * <p>{@link #start} returns once every shard is scheduled; {@link #close} stops the shards and
 * closes every connection cleanly. {@link #status} may be called from any thread.
 */
public final class SimulatorFleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatorFleet.class);
  static final int TICK_MS = 10;
  private static final int WEARERS_PER_THREAD = 250;
  private static final long CONNECT_SPREAD_US = 2_000;
  private static final int CLOSING_THREADS = 32;

  private final FleetConfig config;
  private final DeviceCounters counters = new DeviceCounters();
  private final List<Shard> shards = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private final int deviceCount;

  private SimulatorFleet(FleetConfig config, Function<String, String> tokenFor,
      UnaryOperator<GaitParameters> gaitOverride, Function<WearerIdentity, ForceSource> replay) {
    this.config = config;
    int threads = config.threads() > 0 ? config.threads()
        : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            (config.wearers() + WEARERS_PER_THREAD - 1) / WEARERS_PER_THREAD));
    for (int t = 0; t < threads; t++) {
      shards.add(new Shard(t));
    }
    List<String> presetNames = new ArrayList<>(GaitPresets.names());
    int devices = 0;
    for (WearerIdentity id : config.identities()) {
      long wearerSeed = config.seed() * 1_000_003L + id.index();
      ForceSource source = replay != null ? replay.apply(id)
          : new WearerGait(gaitOverride.apply(wearerGait(id, presetNames, wearerSeed)),
              StanceProfiles.load(config.layout()), wearerSeed);
      InsoleFirmware left = firmware(id.leftDeviceId(), Side.LEFT, source, wearerSeed * 2);
      InsoleFirmware right = firmware(id.rightDeviceId(), Side.RIGHT, source, wearerSeed * 2 + 1);
      Shard shard = shards.get(id.index() % threads);
      long firstConnectUs = id.index() * CONNECT_SPREAD_US;
      if (config.hubMode()) {
        ConnectionSettings settings = settings(id.hubId(), tokenFor);
        shard.add(DeviceConnection.hub(settings, id.hubId(), List.of(left, right), counters),
            firstConnectUs, wearerSeed);
      } else {
        shard.add(DeviceConnection.direct(settings(id.leftHex(), tokenFor), left, counters),
            firstConnectUs, wearerSeed);
        shard.add(DeviceConnection.direct(settings(id.rightHex(), tokenFor), right, counters),
            firstConnectUs + CONNECT_SPREAD_US / 2, wearerSeed + 1);
      }
      devices += 2;
    }
    this.deviceCount = devices;
  }

  /** Starts a fleet; {@code tokenFor} maps an identity (hub id or device id) to its password, or null. */
  public static SimulatorFleet start(FleetConfig config, Function<String, String> tokenFor) {
    return start(config, tokenFor, UnaryOperator.identity());
  }

  /** As {@link #start(FleetConfig, Function)}, with each wearer's gait adjusted by {@code gaitOverride}. */
  public static SimulatorFleet start(FleetConfig config, Function<String, String> tokenFor,
      UnaryOperator<GaitParameters> gaitOverride) {
    SimulatorFleet fleet = new SimulatorFleet(config, tokenFor, gaitOverride, null);
    fleet.shards.forEach(Shard::start);
    return fleet;
  }

  /** Starts a fleet whose wearers replay recordings instead of the gait model. */
  public static SimulatorFleet startReplay(FleetConfig config, Function<String, String> tokenFor,
      Function<WearerIdentity, ForceSource> replay) {
    SimulatorFleet fleet = new SimulatorFleet(config, tokenFor, UnaryOperator.identity(), replay);
    fleet.shards.forEach(Shard::start);
    return fleet;
  }

  private GaitParameters wearerGait(WearerIdentity id, List<String> presetNames, long seed) {
    String name = config.profile().equals("mixed")
        ? presetNames.get(id.index() % presetNames.size()) : config.profile();
    GaitParameters preset = GaitPresets.byName(name);
    SplittableRandom random = new SplittableRandom(seed);
    // People differ: cadence within ±5 %, body weight 55–100 kg.
    return preset.withCadence(preset.cadenceSpm() * (0.95 + 0.1 * random.nextDouble()))
        .withBodyWeightKg(55 + 45 * random.nextDouble());
  }

  private InsoleFirmware firmware(long deviceId, Side side, ForceSource source, long seed) {
    InsoleConfig insole = InsoleConfig.typical(deviceId, side, seed)
        .withSampling(config.rateHz(), config.samplesPerFrame())
        .withEncoding(Encoding.DELTA);
    return new InsoleFirmware(new VirtualInsole(insole, source), config.behaviour(), 1, 0, counters);
  }

  private ConnectionSettings settings(String identity, Function<String, String> tokenFor) {
    return new ConnectionSettings(config.brokerUrl(), config.tenant(), config.mqttVersion(),
        identity, tokenFor.apply(identity), config.behaviour().maxInFlight());
  }

  public FleetConfig config() {
    return config;
  }

  public DeviceCounters counters() {
    return counters;
  }

  /** A snapshot of the fleet (any thread). */
  public FleetStatus status() {
    int connected = 0;
    long backlog = 0;
    for (Shard shard : shards) {
      connected += (int) shard.devicesConnected.get();
      backlog += shard.backlogFrames.get();
    }
    long errors = counters.publishErrors.sum() + counters.connectErrors.sum()
        + counters.badControlFrames.sum() + counters.flashRefused.sum();
    for (Shard shard : shards) {
      errors += shard.tickErrors.get();
    }
    return new FleetStatus((System.nanoTime() - startNanos) / 1e9, deviceCount, connected,
        counters.framesProduced.sum(), counters.liveSent.sum(), counters.backlogSent.sum(),
        counters.framesAcked.sum(), backlog, counters.anchorsSent.sum(), errors);
  }

  /**
   * Stops the shards, then closes every connection (DISCONNECT, so no will is published), many at a
   * time: the stopped shards hand their connections over to the closing threads.
   */
  @Override
  public void close() {
    List<DeviceConnection> all = new ArrayList<>();
    for (Shard shard : shards) {
      shard.stop();
      all.addAll(shard.connections);
    }
    ExecutorService closer = Executors.newFixedThreadPool(Math.min(CLOSING_THREADS, Math.max(1, all.size())));
    try {
      List<Future<?>> closing = new ArrayList<>();
      for (DeviceConnection connection : all) {
        closing.add(closer.submit(connection::close));
      }
      for (Future<?> done : closing) {
        done.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("closing connections failed", e);
    } finally {
      closer.shutdownNow();
    }
    for (Shard shard : shards) {
      shard.devicesConnected.set(0);
    }
  }

  private long nowUs() {
    return (System.nanoTime() - startNanos) / 1000;
  }

  /** One simulation thread and the connections it owns. */
  private final class Shard {
    private final ScheduledExecutorService executor;
    private final List<DeviceConnection> connections = new ArrayList<>();
    private final List<long[]> offlineSchedule = new ArrayList<>();
    private final List<SplittableRandom> randoms = new ArrayList<>();
    final AtomicLong devicesConnected = new AtomicLong();
    final AtomicLong backlogFrames = new AtomicLong();
    final AtomicLong tickErrors = new AtomicLong();

    Shard(int index) {
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sim-shard-" + index);
        thread.setDaemon(true);
        return thread;
      });
    }

    void add(DeviceConnection connection, long firstConnectUs, long seed) {
      connection.goOffline(firstConnectUs);
      connections.add(connection);
      SplittableRandom random = new SplittableRandom(seed);
      randoms.add(random);
      offlineSchedule.add(new long[] {nextOffline(firstConnectUs, random)});
    }

    private long nextOffline(long fromUs, SplittableRandom random) {
      if (config.offlineEverySeconds() <= 0) {
        return Long.MAX_VALUE;
      }
      double waitS = -config.offlineEverySeconds() * Math.log(1 - random.nextDouble());
      return fromUs + Math.round(waitS * 1e6);
    }

    void start() {
      executor.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
      long now = nowUs();
      int connected = 0;
      long backlog = 0;
      for (int i = 0; i < connections.size(); i++) {
        DeviceConnection connection = connections.get(i);
        try {
          long[] offlineAt = offlineSchedule.get(i);
          if (now >= offlineAt[0]) {
            long until = now + Math.round(config.offlineForSeconds() * 1e6);
            connection.goOffline(until);
            offlineAt[0] = nextOffline(until, randoms.get(i));
          }
          connection.tick(now);
        } catch (RuntimeException e) {
          tickErrors.incrementAndGet();
          log.warn("simulation tick failed for {}", connection.devices().get(0).deviceId(), e);
        }
        for (InsoleFirmware device : connection.devices()) {
          backlog += device.flash().dataFrames();
          if (connection.isConnected()) {
            connected++;
          }
        }
      }
      devicesConnected.set(connected);
      backlogFrames.set(backlog);
    }

    void stop() {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
