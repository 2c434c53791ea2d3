package com.plantar.simulator.fleet;

import com.plantar.simulator.device.DeviceBehaviour;
import com.plantar.simulator.model.GaitPresets;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fleet to run, immutable. {@code profile} is a {@link com.plantar.simulator.model.GaitPresets}
 * name, or {@code mixed} (wearers take the presets in turn); {@code hubMode} puts a wearer's two
 * insoles on one connection as a phone would; {@code offlineEverySeconds} is the mean time between a
 * connection's offline periods (0: never) and {@code offlineForSeconds} their length; {@code
 * threads} the simulation threads (0: chosen from the fleet size and the cores).
 */
public record FleetConfig(String brokerUrl, String tenant, MqttVersion mqttVersion, int wearers,
    int rateHz, int samplesPerFrame, String profile, String layout, boolean hubMode, long seed,
    long firstDeviceId, DeviceBehaviour behaviour, double offlineEverySeconds,
    double offlineForSeconds, int threads) {

  public FleetConfig {
    if (wearers < 1 || wearers > 100_000) {
      throw new IllegalArgumentException("wearers must be 1..100000: " + wearers);
    }
    if (offlineEverySeconds < 0 || offlineForSeconds < 0 || threads < 0) {
      throw new IllegalArgumentException("offline times and threads must not be negative");
    }
    if (!profile.equals("mixed")) {
      GaitPresets.byName(profile);
    }
    StanceProfiles.load(layout);
  }

  /** Defaults: MQTT 5, 100 Hz, 25 samples per frame, typical gait, Moticon layout, hub mode. */
  public static FleetConfig of(String brokerUrl, int wearers) {
    return new FleetConfig(brokerUrl, "demo", MqttVersion.V5, wearers, 100, 25, "typical",
        "moticon16", true, 1, 0x5100_0000_0000_0000L, DeviceBehaviour.typical(), 0, 0, 0);
  }

  public FleetConfig withTenant(String value) {
    return new FleetConfig(brokerUrl, value, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withMqttVersion(MqttVersion value) {
    return new FleetConfig(brokerUrl, tenant, value, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withSampling(int hz, int perFrame) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, hz, perFrame, profile, layout,
        hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withProfile(String value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, value,
        layout, hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withLayout(String value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        value, hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withHubMode(boolean value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, value, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withSeed(long value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, value, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withFirstDeviceId(long value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, value, behaviour, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withBehaviour(DeviceBehaviour value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, firstDeviceId, value, offlineEverySeconds, offlineForSeconds, threads);
  }

  public FleetConfig withOfflinePeriods(double everySeconds, double forSeconds) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, firstDeviceId, behaviour, everySeconds, forSeconds, threads);
  }

  public FleetConfig withThreads(int value) {
    return new FleetConfig(brokerUrl, tenant, mqttVersion, wearers, rateHz, samplesPerFrame, profile,
        layout, hubMode, seed, firstDeviceId, behaviour, offlineEverySeconds, offlineForSeconds, value);
  }

  /**
   * Every wearer's ids, known before the fleet starts (so that a gateway can register them): the
   * insoles of wearer i are {@code firstDeviceId + 2i} (left) and {@code + 2i + 1} (right); its hub
   * is {@code hub-<left device id>}.
   */
  public List<WearerIdentity> identities() {
    List<WearerIdentity> ids = new ArrayList<>(wearers);
    for (int i = 0; i < wearers; i++) {
      long left = firstDeviceId + 2L * i;
      ids.add(new WearerIdentity(i, String.format(Locale.ROOT, "hub-%016x", left), left, left + 1));
    }
    return ids;
  }
}
