package com.plantar.simulator.history;

import com.plantar.simulator.model.GaitParameters;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * What history to generate for one wearer, immutable: days {@code [from, until)} in {@code zone},
 * a walk of {@code sessionLength} at each of {@code sessionStarts} every day, with {@code base} gait
 * until the first {@link ProfileChange} and each change's gait from its date on (for example an
 * orthotic fitted halfway).
 */
public record HistoryRequest(long leftDeviceId, long rightDeviceId, LocalDate from, LocalDate until,
    ZoneId zone, List<LocalTime> sessionStarts, Duration sessionLength, GaitParameters base,
    List<ProfileChange> changes, String layout, int rateHz, int samplesPerFrame,
    double clockDriftPpm, long seed) {

  /** From {@code from} on, the wearer walks with {@code gait}. */
  public record ProfileChange(LocalDate from, GaitParameters gait) {}

  public HistoryRequest {
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("until must be after from: " + from + " .. " + until);
    }
    if (sessionStarts.isEmpty() || sessionLength.isNegative() || sessionLength.isZero()) {
      throw new IllegalArgumentException("at least one session of positive length a day");
    }
    sessionStarts = sessionStarts.stream().sorted().toList();
    changes = changes.stream().sorted(Comparator.comparing(ProfileChange::from)).toList();
  }

  /** Two 10-minute walks a day (08:30 and 17:30 UTC), 100 Hz, 25 samples per frame, Moticon layout. */
  public static HistoryRequest of(long leftDeviceId, long rightDeviceId, LocalDate from,
      LocalDate until, GaitParameters base, List<ProfileChange> changes) {
    return new HistoryRequest(leftDeviceId, rightDeviceId, from, until, ZoneId.of("UTC"),
        List.of(LocalTime.of(8, 30), LocalTime.of(17, 30)), Duration.ofMinutes(10), base, changes,
        "moticon16", 100, 25, 20, 1);
  }

  /** The gait on {@code day}: the latest change on or before it, else the base. */
  public GaitParameters gaitOn(LocalDate day) {
    GaitParameters gait = base;
    for (ProfileChange change : changes) {
      if (!change.from().isAfter(day)) {
        gait = change.gait();
      }
    }
    return gait;
  }
}
