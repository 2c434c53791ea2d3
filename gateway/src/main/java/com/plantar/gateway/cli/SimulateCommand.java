package com.plantar.gateway.cli;

import com.plantar.simulator.device.DeviceBehaviour;
import com.plantar.simulator.fleet.FleetConfig;
import com.plantar.simulator.fleet.FleetStatus;
import com.plantar.simulator.fleet.SimulatorFleet;
import com.plantar.simulator.model.ForceSource;
import com.plantar.simulator.mqtt.MqttVersion;
import com.plantar.simulator.replay.RecordingReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantar simulate}: runs a fleet of virtual insoles against any gateway or MQTT broker, with
 * a status line on stderr refreshed every second, until {@code --duration} has passed.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run a fleet of simulated insole wearers against a gateway or MQTT broker.")
public final class SimulateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--broker", required = true, description = "Broker URL, e.g. tcp://127.0.0.1:1883.")
  String broker;

  @Option(names = "--wearers", defaultValue = "1", description = "Wearers (two insoles each). Default: ${DEFAULT-VALUE}.")
  int wearers;

  @Option(names = "--rate-hz", defaultValue = "100", description = "Samples per second per insole. Default: ${DEFAULT-VALUE}.")
  int rateHz;

  @Option(names = "--samples-per-frame", defaultValue = "25", description = "Samples per DATA frame. Default: ${DEFAULT-VALUE}.")
  int samplesPerFrame;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to run: 90s, 5m, 2h or ISO-8601 (PT1M). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--profile", defaultValue = "typical",
      description = "Gait profile: typical, pronator, supinator, flatfoot, higharch, forefoot, "
          + "asymmetric, shuffle, elderly, daily, or mixed. Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(names = "--layout", defaultValue = "moticon16", description = "Cell layout: moticon16 or gaitpdb8. Default: ${DEFAULT-VALUE}.")
  String layout;

  @Option(names = "--replay", description = "Play this recording (Moticon text export or gaitpdb walk) instead of the gait model.")
  Path replay;

  @Option(names = "--tenant", defaultValue = "demo", description = "Topic tenant. Default: ${DEFAULT-VALUE}.")
  String tenant;

  @Option(names = "--mqtt", defaultValue = "v5", description = "MQTT version: v5 or v3. Default: ${DEFAULT-VALUE}.")
  String mqtt;

  @Option(names = "--direct", description = "One connection per insole (Wi-Fi) instead of one per wearer (phone).")
  boolean direct;

  @Option(names = "--token", description = "Password for every identity (username = hub or device id).")
  String token;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--drift-ppm", defaultValue = "20", description = "Device clock drift. Default: ${DEFAULT-VALUE}.")
  double driftPpm;

  @Option(names = "--offline-every", defaultValue = "0", converter = DurationConverter.class,
      description = "Mean time between a connection's offline periods (0: never).")
  Duration offlineEvery;

  @Option(names = "--offline-for", defaultValue = "30s", converter = DurationConverter.class,
      description = "Length of an offline period. Default: ${DEFAULT-VALUE}.")
  Duration offlineFor;

  @Option(names = "--reboot-every", defaultValue = "0", converter = DurationConverter.class,
      description = "Time between device reboots (0: never).")
  Duration rebootEvery;

  @Option(names = "--max-in-flight", defaultValue = "16",
      description = "QoS 1 publishes in flight per connection when the server sets no receive maximum. Default: ${DEFAULT-VALUE}.")
  int maxInFlight;

  @Option(names = "--threads", defaultValue = "0", description = "Simulation threads (0: automatic).")
  int threads;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    FleetConfig config;
    ForceSource recording;
    try {
      DeviceBehaviour behaviour = DeviceBehaviour.typical()
          .withClockDriftPpm(driftPpm)
          .withMaxInFlight(maxInFlight)
          .withRebootEverySeconds(rebootEvery.toMillis() / 1000.0);
      config = FleetConfig.of(broker, wearers)
          .withTenant(tenant)
          .withMqttVersion(parseVersion(mqtt))
          .withSampling(rateHz, samplesPerFrame)
          .withProfile(profile)
          .withLayout(layout)
          .withHubMode(!direct)
          .withSeed(seed)
          .withBehaviour(behaviour)
          .withOfflinePeriods(offlineEvery.toMillis() / 1000.0, offlineFor.toMillis() / 1000.0)
          .withThreads(threads);
      recording = replay == null ? null : RecordingReplay.load(replay);
    } catch (IllegalArgumentException | IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    String password = token;
    SimulatorFleet fleet = recording == null
        ? SimulatorFleet.start(config, identity -> password)
        : SimulatorFleet.startReplay(config, identity -> password, id -> recording);
    long endNanos = System.nanoTime() + duration.toNanos();
    try {
      while (System.nanoTime() < endNanos) {
        long left = endNanos - System.nanoTime();
        Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
        err.print("\r" + fleet.status().line());
        err.flush();
      }
    } finally {
      fleet.close();
    }
    FleetStatus last = fleet.status();
    err.println();
    err.println("done: " + last.line());
    err.flush();
    return 0;
  }

  private static MqttVersion parseVersion(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "v5", "5" -> MqttVersion.V5;
      case "v3", "3", "3.1.1" -> MqttVersion.V3;
      default -> throw new IllegalArgumentException("--mqtt must be v5 or v3: " + text);
    };
  }

  /** 90s, 5m, 2h, 250ms, a bare number of seconds, or ISO-8601 (PT1M). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
      }
      try {
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("not a duration: " + value);
      }
    }
  }
}
