package com.plantar.gateway.api.sync;

import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.WindowSummaryRow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * When a wearer's insoles were last heard from: the newest DATA frame received since the gateway
 * started ({@link DeviceActivity}), else the end of their newest gait window in the store over the
 * last two days (sample time, so approximate), else unknown. Any thread; may read the store.
 */
public final class LastSeen {
  private static final long FALLBACK_US = 2L * 86_400_000_000L;

  private final DeviceActivity activity;
  private final TimeSeriesStore store;
  private final Clock clock;

  public LastSeen(DeviceActivity activity, TimeSeriesStore store, Clock clock) {
    this.activity = activity;
    this.store = store;
    this.clock = clock;
  }

  /** UTC µs of the last contact, if known. */
  public Optional<Long> of(Wearer wearer) {
    Optional<Long> heard = wearer.devices().stream()
        .flatMap(d -> activity.device(d.id()).flatMap(DeviceActivity.DeviceState::lastReceivedUtcUs).stream())
        .max(Long::compare);
    if (heard.isPresent()) {
      return heard;
    }
    long now = clock.millis() * 1_000L;
    List<WindowSummaryRow> rows = store.readWindowSummaries(wearer.tenant(), wearer.id(),
        new TimeRange(now - FALLBACK_US, now + 1));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1).endUtcUs());
  }
}
