package com.plantar.gateway.timing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link BootClock}s of one device, by boot id; keeps the most recent {@value #BOOTS_KEPT}
 * boots (a backlog rarely spans more). Owned by the device's shard thread; not thread-safe.
 */
public final class DeviceTimeline {
  static final int BOOTS_KEPT = 16;

  private final Map<Long, BootClock> boots = new LinkedHashMap<>(32, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, BootClock> eldest) {
      return size() > BOOTS_KEPT;
    }
  };

  public BootClock boot(long bootId) {
    return boots.computeIfAbsent(bootId, id -> new BootClock());
  }
}
