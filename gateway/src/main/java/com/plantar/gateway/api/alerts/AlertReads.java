package com.plantar.gateway.api.alerts;

import com.plantar.gateway.registry.AlertAck;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.registry.WearerRecords;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wearer's alerts as the API shows them: the store's alert events joined with the registry's
 * acknowledgements. An alert's id is its type and time ({@code hot_spot-1732000000000000}), which is
 * the store's identity of the event within a wearer, so it stays valid across restarts. Any thread.
 */
public final class AlertReads {
  /** The wearer list counts unacknowledged alerts of the last 30 days. */
  private static final long OPEN_WINDOW_US = 30L * 86_400_000_000L;

  /** One alert with its acknowledgement. */
  public record ShownAlert(String id, String kind, Optional<Side> side, long startUtcUs, String detail,
      String severity, Optional<AlertAck> ack) {}

  private final TimeSeriesStore store;
  private final WearerRecords records;
  private final Clock clock;

  public AlertReads(TimeSeriesStore store, WearerRecords records, Clock clock) {
    this.store = store;
    this.records = records;
    this.clock = clock;
  }

  public List<ShownAlert> read(Wearer wearer, TimeRange range) {
    Map<String, AlertAck> acks = records.alertAcks(wearer.id());
    List<ShownAlert> shown = new ArrayList<>();
    for (AlertEvent event : store.readAlerts(wearer.tenant(), wearer.id(), range)) {
      String id = id(event);
      Optional<Side> side = event.device().flatMap(device -> wearer.devices().stream()
          .filter(d -> d.id().equals(device)).findFirst().flatMap(Wearer.WearerDevice::side));
      shown.add(new ShownAlert(id, kind(event.type()), side, event.timeUtcUs(), event.message(),
          event.severity().name().toLowerCase(java.util.Locale.ROOT), Optional.ofNullable(acks.get(id))));
    }
    return shown;
  }

  public long openCount(Wearer wearer) {
    long now = clock.millis() * 1_000L;
    return read(wearer, new TimeRange(now - OPEN_WINDOW_US, now + 1)).stream().filter(a -> a.ack().isEmpty()).count();
  }

  /** Whether an alert with this id exists for the wearer (its time is in the id, so one exact read). */
  public boolean exists(Wearer wearer, String alertId) {
    int dash = alertId.lastIndexOf('-');
    if (dash <= 0) {
      return false;
    }
    long time;
    try {
      time = Long.parseLong(alertId.substring(dash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    return store.readAlerts(wearer.tenant(), wearer.id(), new TimeRange(time, time + 1)).stream()
        .anyMatch(e -> id(e).equals(alertId));
  }

  static String id(AlertEvent event) {
    return event.type() + "-" + event.timeUtcUs();
  }

  /** The gait engine's alert types in the API's words: a hot spot is reported when its dwell time runs over. */
  static String kind(String type) {
    return type.equals("hot_spot") ? "hot_spot_dwell" : type;
  }
}
