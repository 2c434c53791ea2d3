package com.plantar.gateway.server;

import com.plantar.gait.GaitConfig;
import com.plantar.gateway.bridge.BridgeConfig;
import com.plantar.gateway.bridge.BrokerBridge;
import com.plantar.gateway.auth.internal.AuthCounters;
import com.plantar.gateway.auth.internal.InsoleTopicAcl;
import com.plantar.gateway.auth.internal.RegistryAuthenticator;
import com.plantar.gateway.auth.internal.VerifiedSecretCache;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.api.ApiBackends;
import com.plantar.gateway.api.ApiOptions;
import com.plantar.gateway.api.ApiServer;
import com.plantar.gateway.api.HealthCheck;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.command.LocalCommands;
import com.plantar.gateway.live.LiveFeed;
import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.ingest.AckPolicy;
import com.plantar.gateway.cluster.KafkaFrameLog;
import com.plantar.gateway.cluster.KafkaReachability;
import com.plantar.gateway.ingest.DeviceOutbox;
import com.plantar.gateway.ingest.IngestSink;
import com.plantar.gateway.ingest.InsoleIngest;
import com.plantar.gateway.ingest.ShardGroup;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalConfig;
import com.plantar.gateway.metrics.MicrometerGatewayMetrics;
import com.plantar.gateway.metrics.MicrometerIngestMetrics;
import com.plantar.gateway.mqtt.InterceptorBinding;
import com.plantar.gateway.mqtt.MqttSecurity;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.OpenMqttSecurity;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.GaitOutputs;
import com.plantar.gateway.processing.JournalProcessor;
import com.plantar.gateway.processing.LiveTaps;
import com.plantar.gateway.processing.ProcessingConfig;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.SecretHasher;
import com.plantar.gateway.registry.TokenGenerator;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway, wired in one place: registry → broker security; broker → ingest interceptor →
 * shards → journal (PUBACK and protocol ACK after fsync); journal → processing shards (by wearer) → gait engines
 * → the time-series store (embedded QuestDB) and the latest-gait board; checkpoint after commit. {@link #close()}
 * stops in the reverse order, so that nothing acknowledged is lost and
 * what was processed is checkpointed. See ARCHITECTURE.md for the threads.
 *
 * <p>With {@code ingest.log: kafka} (cluster mode, SCALING.md) the gateway is a stateless edge: the
 * sink is the {@link KafkaFrameLog} (PUBACK and protocol ACK after acks=all), and there is no
 * journal or processor here ({@link #journal()} and {@link #processor()} are null); {@code plantar
 * process} does the processing, and the API reads the shared store it writes.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Registry registry;
  private final Journal journal;
  private final Journal context;
  private final ShardGroup shards;
  private final MqttServer mqtt;
  private final BrokerBridge bridge;
  private final ApiServer http;
  private final JournalProcessor processor;
  private final LatestGait latest;
  private final TimeSeriesStore store;
  private final HubWearers wearers;
  private final ScheduledExecutorService housekeeping;
  /** Null in open mode (no registry identities to revoke). */
  private final RevocationSweep revocations;
  private final KafkaFrameLog frameLog;
  private final KafkaReachability reachability;
  /** Cluster mode only (else null): commands and the live view through Kafka. */
  private final ClusterEdge clusterEdge;

  private Gateway(Registry registry, Journal journal, Journal context, ShardGroup shards, MqttServer mqtt, BrokerBridge bridge,
      ApiServer http,
      JournalProcessor processor, LatestGait latest, TimeSeriesStore store, HubWearers wearers,
      ScheduledExecutorService housekeeping, KafkaFrameLog frameLog, KafkaReachability reachability,
      RevocationSweep revocations, ClusterEdge clusterEdge) {
    this.revocations = revocations;
    this.clusterEdge = clusterEdge;
    this.registry = registry;
    this.journal = journal;
    this.context = context;
    this.shards = shards;
    this.mqtt = mqtt;
    this.bridge = bridge;
    this.http = http;
    this.processor = processor;
    this.latest = latest;
    this.store = store;
    this.wearers = wearers;
    this.housekeeping = housekeeping;
    this.frameLog = frameLog;
    this.reachability = reachability;
  }

  /**
   * Starts everything. {@code open} is the development mode: no authentication and any topic but
   * the configured deny list; insole topics still go through the full ingest path.
   */
  public static Gateway start(GatewayConfig config, boolean open) throws Exception {
    return start(config, open, Optional.empty(), embeddedStore(config), ProcessingConfig.defaults());
  }

  /** The default store: QuestDB embedded in the data directory. */
  public static StoreConfig embeddedStore(GatewayConfig config) {
    return StoreConfig.questDb(Path.of(config.dataDir()).resolve("store"));
  }

  /**
   * As {@link #start(GatewayConfig, boolean)} with the given store, and with {@code bridge} also
   * behind an external broker: its insole topics feed the same ingest path, and ACKs go back through
   * it as well.
   */
  public static Gateway start(GatewayConfig config, boolean open, Optional<BridgeConfig> bridge,
      StoreConfig storeConfig) throws Exception {
    return start(config, open, bridge, storeConfig, ProcessingConfig.defaults(), ApiOptions.defaults(config.http()));
  }

  /** As above, with processing run as {@code processing} says (shards, checkpoint interval). */
  public static Gateway start(GatewayConfig config, boolean open, Optional<BridgeConfig> bridge,
      StoreConfig storeConfig, ProcessingConfig processing) throws Exception {
    return start(config, open, bridge, storeConfig, processing, ApiOptions.defaults(config.http()));
  }

  /** As above, with the HTTP API's options (sign-in limits, password cost) given. */
  public static Gateway start(GatewayConfig config, boolean open, Optional<BridgeConfig> bridge,
      StoreConfig storeConfig, ApiOptions apiOptions) throws Exception {
    return start(config, open, bridge, storeConfig, ProcessingConfig.defaults(), apiOptions);
  }

  /** As above, with both processing's and the HTTP API's options given. */
  public static Gateway start(GatewayConfig config, boolean open, Optional<BridgeConfig> bridge,
      StoreConfig storeConfig, ProcessingConfig processing, ApiOptions apiOptions) throws Exception {
    Path dataDir = Path.of(config.dataDir());
    Files.createDirectories(dataDir);
    SecretHasher hasher = SecretHasher.withDefaultIterations();
    Registry registry = openRegistry(config, dataDir, hasher);
    MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics();
    MqttSecurity security = open
        ? new OpenMqttSecurity(config.mqtt().deniedTopicFilters())
        : new RegistryMqttSecurity(new RegistryAuthenticator(registry, hasher,
            new VerifiedSecretCache(100_000, Duration.ofMinutes(10), System::nanoTime), new AuthCounters()),
            new InsoleTopicAcl());

    int cores = Runtime.getRuntime().availableProcessors();
    ShardGroup shards = new ShardGroup(cores, 65_536);
    BrokerOutbox outbox = new BrokerOutbox();
    BrokerBridge brokerBridge = bridge.isPresent() ? new BrokerBridge(bridge.get()) : null;
    DeviceOutbox toDevices = brokerBridge == null ? outbox : (topic, payload, qos) -> {
      // A device is on one broker or the other: the copy on the other finds no subscriber.
      outbox.publish(topic, payload, qos);
      brokerBridge.outbox().publish(topic, payload, qos);
    };
    HubWearers wearers = new HubWearers(registry);
    wearers.refresh();
    ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "plantar-housekeeping");
      thread.setDaemon(true);
      return thread;
    });
    // Pairings are the wearer directory of processing and, in cluster mode, of the record keys: a
    // change reaches every instance within this period (SCALING.md, "bounded staleness").
    housekeeping.scheduleWithFixedDelay(wearers::refresh, 30, 30, TimeUnit.SECONDS);
    Gauge.builder("plantar.registry.reachable", wearers, w -> w.failure().isEmpty() ? 1 : 0)
        .description("1 when the registry could be read at the last refresh (every 30 s), else 0")
        .register(metrics.registry());

    Journal journal = null;
    Journal context = null;
    JournalProcessor processor = null;
    KafkaFrameLog frameLog = null;
    KafkaReachability reachability = null;
    IngestSink sink;
    if (config.ingest().kafka()) {
      // Cluster mode: a stateless edge; processing runs in `plantar process` (SCALING.md).
      frameLog = new KafkaFrameLog(config.kafka(), wearers, "plantar-edge-" + ProcessHandle.current().pid());
      reachability = new KafkaReachability(config.kafka());
      housekeeping.scheduleWithFixedDelay(reachability::probe, 0, 5, TimeUnit.SECONDS);
      KafkaFrameLog log = frameLog;
      Gauge.builder("plantar.kafka.unacknowledged.frames", log, KafkaFrameLog::unacknowledgedFrames)
          .description("frames handed to the producer, not yet acknowledged by Kafka").register(metrics.registry());
      FunctionCounter.builder("plantar.kafka.sent.frames", log, KafkaFrameLog::sentFrames)
          .description("frames Kafka acknowledged (acks=all)").register(metrics.registry());
      FunctionCounter.builder("plantar.kafka.send.failures", log, KafkaFrameLog::failedSends)
          .description("sends that failed; each refused its publish").register(metrics.registry());
      sink = frameLog;
    } else {
      journal = Journal.open(JournalConfig.defaults(dataDir.resolve("journal")));
      sink = journal;
    }
    InsoleIngest ingest = new InsoleIngest(sink, toDevices, shards,
        new MicrometerIngestMetrics(metrics.registry()), Clock.systemUTC(), AckPolicy.DEFAULT);
    MqttServer mqtt = new MqttServer(config.mqtt(), config.tls(), security,
        List.of(new InterceptorBinding(IngestInterceptor.TOPIC_FILTER, new IngestInterceptor(ingest))), metrics);
    outbox.attach(mqtt);
    CommandSender localCommands = brokerBridge == null ? new LocalCommands(mqtt)
        : new BridgedCommands(new LocalCommands(mqtt), brokerBridge.outbox());

    // The API reads the configured store in both modes; in cluster mode that is the shared store
    // `plantar process` writes (the embedded default is single-node only: SCALING.md).
    LatestGait latest = new LatestGait();
    TimeSeriesStore store = TimeSeriesStores.open(storeConfig);
    DeviceActivity activity = new DeviceActivity();
    ClusterEdge clusterEdge = config.ingest().kafka()
        ? ClusterEdge.start(config.kafka(), "plantar-edge-" + ProcessHandle.current().pid(), localCommands,
            activity, metrics.registry())
        : null;
    LiveFeed live = clusterEdge == null ? new LiveFeed() : clusterEdge.liveFeed();
    CommandSender commands = clusterEdge == null ? localCommands : clusterEdge.commands();
    if (journal != null) {
      GaitOutput output = GaitOutputs.tee(latest, new StoreOutput(store));
      context = Journal.open(JournalConfig.defaults(dataDir.resolve("context")));
      // One processing shard per core by default; the outputs and taps are shared by the shards
      // (thread-safe; each wearer's calls always come from the same shard).
      processor = new JournalProcessor(journal, context, wearers, output,
          LiveTaps.both(live, activity), GaitConfig.defaults(), processing).start();
      Gauge.builder("plantar.journal.bytes", journal, Journal::sizeBytes).register(metrics.registry());
      Journal journalForGauge = journal;
      Gauge.builder("plantar.journal.lag.records", processor, p -> journalForGauge.durableIndex() - p.processedIndex())
          .description("records durable in the journal but not processed yet").register(metrics.registry());
    }
    Gauge.builder("plantar.ingest.shard.queued", shards, ShardGroup::queued).register(metrics.registry());

    mqtt.start();
    RevocationSweep revocations = null;
    if (!open) {
      revocations = new RevocationSweep(mqtt, registry, Counter.builder("plantar.mqtt.revoked.connections.closed")
          .description("connections closed because their identity was revoked after they connected")
          .register(metrics.registry()));
      housekeeping.scheduleWithFixedDelay(revocations, RevocationSweep.PERIOD_SECONDS, RevocationSweep.PERIOD_SECONDS,
          TimeUnit.SECONDS);
    }
    if (brokerBridge != null) {
      brokerBridge.start(ingest, new RegisteredDevices(registry));
      Gauge.builder("plantar.bridge.foreign.publishes", brokerBridge, BrokerBridge::foreignPublishes)
          .register(metrics.registry());
      Gauge.builder("plantar.bridge.unacknowledged.publishes", brokerBridge, BrokerBridge::unacknowledgedPublishes)
          .register(metrics.registry());
    }
    ApiServer http = null;
    if (config.http().port() >= 0) {
      List<HealthCheck> health = frameLog == null
          ? GatewayHealth.checks(store, journal, processor, mqtt, wearers)
          : GatewayHealth.clusterEdgeChecks(store, reachability, frameLog, mqtt, wearers);
      http = ApiServer.start(apiOptions, new ApiBackends(registry, store, live, activity, commands,
          metrics.registry(), metrics::scrape, health, mqtt.port()));
    }
    return new Gateway(registry, journal, context, shards, mqtt, brokerBridge, http, processor, latest, store, wearers,
        housekeeping, frameLog, reachability, revocations, clusterEdge);
  }

  /** The SQLite file in the data directory, or the shared PostgreSQL registry when one is configured. */
  private static Registry openRegistry(GatewayConfig config, Path dataDir, SecretHasher hasher) throws Exception {
    TokenGenerator tokens = new TokenGenerator(new SecureRandom());
    if (!config.registry().postgres()) {
      return Registry.open(dataDir.resolve("registry.db"), hasher, tokens, Clock.systemUTC());
    }
    String passwordFile = config.registry().passwordFile();
    String password = passwordFile.isEmpty() ? "" : Files.readString(Path.of(passwordFile)).strip();
    return Registry.openPostgres(config.registry().url(), config.registry().user(), password, hasher, tokens,
        Clock.systemUTC());
  }

  /** Cluster mode's frame log, or empty in single-node (journal) mode. */
  public Optional<KafkaFrameLog> frameLog() {
    return Optional.ofNullable(frameLog);
  }

  public MqttServer mqtt() {
    return mqtt;
  }

  /** The bridge to an external broker, when started with one. */
  public Optional<BrokerBridge> bridge() {
    return Optional.ofNullable(bridge);
  }

  /** The HTTP server (API, pages, /health, /metrics, /mqtt), or null when its port is off. */
  public ApiServer http() {
    return http;
  }

  public Journal journal() {
    return journal;
  }

  public Registry registry() {
    return registry;
  }

  public JournalProcessor processor() {
    return processor;
  }

  /** Re-reads hub pairings now (they are also re-read every 30 s), e.g. after pairing insoles. */
  public void refreshWearers() {
    wearers.refresh();
  }

  /**
   * Closes the connections of identities revoked since they connected, now rather than at the next
   * sweep (which runs every 30 s); returns how many identities that was.
   */
  public int closeRevokedConnections() throws InterruptedException {
    return revocations == null ? 0 : revocations.sweep();
  }

  /** The time-series store (embedded QuestDB in the data directory). */
  public TimeSeriesStore store() {
    return store;
  }

  public LatestGait latest() {
    return latest;
  }

  /** Stops accepting, lets acknowledged work become durable, processes it, then closes the stores. */
  /**
   * Stops everything, in the order data flows. Every step runs even when one before it fails (a
   * store that cannot finish must not leave the journal and registry open); the first failure is
   * thrown at the end with the others suppressed on it, and each is logged with its step.
   */
  @Override
  public void close() {
    // Each step's time goes into one log line: a slow stop (a rolling restart) says where it waited.
    Stop stop = new Stop();
    if (http != null) {
      stop.step("http", http::close);
    }
    if (bridge != null) {
      stop.step("bridge", bridge::close);
    }
    if (clusterEdge != null) {
      stop.step("kafka relays", clusterEdge::close);
    }
    stop.step("mqtt", mqtt::close);
    stop.step("ingest shards", shards::close);
    if (processor != null) {
      stop.step("processing", processor::close);
    }
    housekeeping.shutdownNow();
    if (frameLog != null) {
      stop.step("kafka producer", frameLog::close);
      stop.step("kafka reachability", reachability::close);
    }
    stop.step("store", store::close);
    if (journal != null) {
      stop.step("context journal", context::close);
      stop.step("journal", journal::close);
    }
    stop.step("registry", registry::close);
    stop.finish();
  }

  /** The steps of {@link #close()}: how long each took, and the first failure. */
  private static final class Stop {
    private final long startNanos = System.nanoTime();
    private final StringBuilder steps = new StringBuilder();
    private long lastNanos = startNanos;
    private RuntimeException failure;

    void step(String name, Runnable action) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.error("gateway stop: {} failed, the remaining steps still run", name, e);
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
        name += " (failed)";
      }
      long now = System.nanoTime();
      steps.append(steps.length() == 0 ? "" : ", ").append(name).append(' ')
          .append(TimeUnit.NANOSECONDS.toMillis(now - lastNanos)).append(" ms");
      lastNanos = now;
    }

    void finish() {
      long totalMs = TimeUnit.NANOSECONDS.toMillis(lastNanos - startNanos);
      if (failure != null) {
        log.error("gateway stopped in {} ms with a failed step ({})", totalMs, steps);
        throw failure;
      }
      log.info("gateway stopped in {} ms ({})", totalMs, steps);
    }
  }
}
