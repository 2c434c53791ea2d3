package com.plantar.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.DeviceIds;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What processing has heard from each insole since the gateway started: when it last received a DATA
 * frame, the time quality of its samples, its battery (EVENT {@code {"type":"battery","pct":…}}) and
 * the backlog its latest HELLO announced, less the DATA frames received since. Written on the
 * processing shard that owns the device's wearer (one writer per device), read from any thread (volatile fields).
 * In cluster mode an edge's instance is written instead by one relay thread, from the {@link
 * Snapshot}s the processors publish ({@link #learn}).
 */
public final class DeviceActivity implements LiveTap {
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();

  /** One insole's latest state; every field is written by that one shard thread only. */
  public static final class DeviceState {
    private volatile long lastReceivedUtcUs = Long.MIN_VALUE;
    private volatile long lastSampleUtcUs = Long.MIN_VALUE;
    private volatile TimeQuality quality;
    private volatile int batteryPct = -1;
    private volatile long backlogAtHello = -1;
    private volatile long framesSinceHello;

    public Optional<Long> lastReceivedUtcUs() {
      long value = lastReceivedUtcUs;
      return value == Long.MIN_VALUE ? Optional.empty() : Optional.of(value);
    }

    public Optional<Long> lastSampleUtcUs() {
      long value = lastSampleUtcUs;
      return value == Long.MIN_VALUE ? Optional.empty() : Optional.of(value);
    }

    public Optional<TimeQuality> quality() {
      return Optional.ofNullable(quality);
    }

    public Optional<Integer> batteryPct() {
      int value = batteryPct;
      return value < 0 ? Optional.empty() : Optional.of(value);
    }

    /** The backlog announced by the last HELLO less the DATA frames since (approximate: live frames count too). */
    public Optional<Long> pendingBacklogFrames() {
      long announced = backlogAtHello;
      return announced < 0 ? Optional.empty() : Optional.of(Math.max(0, announced - framesSinceHello));
    }
  }

  @Override
  public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
      long receivedUtcUs) {
    DeviceState state = state(deviceId);
    state.backlogAtHello = description.announcedBacklogFrames();
    state.framesSinceHello = 0;
  }

  @Override
  public void onEvent(WearerRef wearer, long deviceId, String eventJson, long receivedUtcUs) {
    try {
      JsonNode event = mapper.readTree(eventJson);
      if ("battery".equals(event.path("type").asText()) && event.path("pct").isNumber()) {
        int pct = event.path("pct").asInt();
        if (pct >= 0 && pct <= 100) {
          state(deviceId).batteryPct = pct;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // A device's free-form event we cannot read is not ours to fail on.
    }
  }

  @Override
  public void onData(WearerRef wearer, long deviceId, long receivedUtcUs, long lastSampleUtcUs, TimeQuality quality) {
    DeviceState state = state(deviceId);
    state.lastReceivedUtcUs = Math.max(state.lastReceivedUtcUs, receivedUtcUs);
    state.lastSampleUtcUs = Math.max(state.lastSampleUtcUs, lastSampleUtcUs);
    state.quality = quality;
    state.framesSinceHello = state.framesSinceHello + 1;
  }

  /**
   * One device's state as another instance learns it.
   *
   * @param quality null when unknown
   * @param batteryPct -1 when unknown
   * @param pendingBacklogFrames -1 when unknown
   */
  public record Snapshot(long lastReceivedUtcUs, long lastSampleUtcUs, TimeQuality quality, int batteryPct,
      long pendingBacklogFrames) {}

  /** The device's state now (for publishing it), if anything was heard. */
  public Optional<Snapshot> snapshot(String deviceId) {
    return device(deviceId).map(d -> new Snapshot(d.lastReceivedUtcUs, d.lastSampleUtcUs, d.quality, d.batteryPct,
        d.pendingBacklogFrames().orElse(-1L)));
  }

  /** Takes a device's state from the instance that processes it (cluster mode; the relay thread only). */
  public void learn(String deviceId, Snapshot snapshot) {
    DeviceState state = devices.computeIfAbsent(deviceId, id -> new DeviceState());
    state.lastReceivedUtcUs = Math.max(state.lastReceivedUtcUs, snapshot.lastReceivedUtcUs());
    state.lastSampleUtcUs = Math.max(state.lastSampleUtcUs, snapshot.lastSampleUtcUs());
    state.quality = snapshot.quality();
    state.batteryPct = snapshot.batteryPct();
    state.backlogAtHello = snapshot.pendingBacklogFrames();
    state.framesSinceHello = 0;
  }

  /** What is known of a device (by its 16-hex-digit id), if anything was heard since start. */
  public Optional<DeviceState> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  private DeviceState state(long deviceId) {
    return devices.computeIfAbsent(DeviceIds.toHex(deviceId), id -> new DeviceState());
  }
}
