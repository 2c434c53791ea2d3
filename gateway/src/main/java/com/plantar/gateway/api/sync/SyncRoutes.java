package com.plantar.gateway.api.sync;

import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.internal.RangeParams;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.store.SummaryKind;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.gateway.timing.TimeQuality;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/wearers/:id/sync}: per insole, when it was last heard from, its battery, the backlog
 * it still holds, the quality of its clock, and the gaps in the wearer's data.
 *
 * <p>What is approximate: last seen, battery, backlog and time quality are what processing saw since
 * the gateway started ({@link DeviceActivity}; null before the device speaks again); the backlog is the
 * count its latest HELLO announced less the DATA frames since; gaps are periods of at least {@value
 * #MIN_GAP_MINUTES} minutes without a gait window of the wearer in the store (both insoles together,
 * and a wearer sitting still with insoles on yields windows too only if the engine emits them), so
 * they are the same for each insole.
 */
public final class SyncRoutes {
  static final int MIN_GAP_MINUTES = 5;

  private final TimeSeriesStore store;
  private final DeviceActivity activity;
  private final WearerAccess access;
  private final RangeParams ranges;
  private final Json json;

  public SyncRoutes(TimeSeriesStore store, DeviceActivity activity, WearerAccess access, RangeParams ranges, Json json) {
    this.store = store;
    this.activity = activity;
    this.access = access;
    this.ranges = ranges;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/wearers/:id/sync").blockingHandler(this::sync, false);
  }

  private void sync(RoutingContext ctx) {
    TimeRange range = ranges.range(ctx, Duration.ofDays(7), Duration.ofDays(31));
    Wearer wearer = access.open(ctx, "sync");
    List<Map<String, String>> gaps = gaps(store.readWindowSummaries(wearer.tenant(), wearer.id(), range), range);
    List<Map<String, Object>> devices = new ArrayList<>();
    for (Wearer.WearerDevice device : wearer.devices()) {
      if (device.kind() != Wearer.WearerDevice.Kind.INSOLE) {
        continue;
      }
      var state = activity.device(device.id());
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", device.id());
      d.put("side", device.side().map(Enum::name).orElse(null));
      d.put("lastSeen", state.flatMap(DeviceActivity.DeviceState::lastReceivedUtcUs).map(Json::timeUs).orElse(null));
      d.put("lastSample", state.flatMap(DeviceActivity.DeviceState::lastSampleUtcUs).map(Json::timeUs).orElse(null));
      d.put("batteryPct", state.flatMap(DeviceActivity.DeviceState::batteryPct).orElse(null));
      d.put("pendingBacklogFrames", state.flatMap(DeviceActivity.DeviceState::pendingBacklogFrames).orElse(null));
      d.put("timeQuality", state.flatMap(DeviceActivity.DeviceState::quality)
          .map(q -> q == TimeQuality.ANCHORED ? "anchored" : "unanchored").orElse("unknown"));
      d.put("gaps", gaps);
      devices.add(d);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", Json.timeUs(range.fromUtcUs()));
    body.put("to", Json.timeUs(range.toUtcUs()));
    body.put("minGapMinutes", MIN_GAP_MINUTES);
    body.put("devices", devices);
    json.send(ctx, 200, body);
  }

  /** Periods of at least MIN_GAP_MINUTES inside the range that no window covers. */
  static List<Map<String, String>> gaps(List<WindowSummaryRow> rows, TimeRange range) {
    long minGapUs = MIN_GAP_MINUTES * 60_000_000L;
    List<Map<String, String>> gaps = new ArrayList<>();
    long covered = range.fromUtcUs();
    for (WindowSummaryRow row : rows) {
      if (row.kind() != SummaryKind.WINDOW) {
        continue;
      }
      if (row.startUtcUs() - covered >= minGapUs) {
        gaps.add(Map.of("from", Json.timeUs(covered), "to", Json.timeUs(row.startUtcUs())));
      }
      covered = Math.max(covered, row.endUtcUs());
    }
    if (range.toUtcUs() - covered >= minGapUs) {
      gaps.add(Map.of("from", Json.timeUs(covered), "to", Json.timeUs(range.toUtcUs())));
    }
    return gaps;
  }
}
