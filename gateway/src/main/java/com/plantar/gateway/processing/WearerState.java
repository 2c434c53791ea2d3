package com.plantar.gateway.processing;

import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gateway.timing.DeviceTimeline;
import java.util.HashMap;
import java.util.Map;

/**
 * One wearer's processing state: the insoles that describe each foot, their clocks, the live gait
 * engine fed by both, and the {@link BackfillLane} that takes their backlog while one is being
 * synced. Owned by the processing shard its wearer hashes to; not thread-safe.
 */
final class WearerState {
  final WearerRef wearer;
  private final GaitConfig config;
  private final GaitListener listener;
  private final Map<Long, Insole> insoles = new HashMap<>();
  private final FootLayout[] layouts = new FootLayout[2];
  private final long[] lastFootUtc = {Long.MIN_VALUE, Long.MIN_VALUE};
  private GaitEngine engine;
  private BackfillLane backfill;

  /** One insole of the wearer: what its latest HELLO said, its clock, and where its seqs are. */
  static final class Insole {
    InsoleDescription description;
    final DeviceTimeline timeline = new DeviceTimeline();
    long lastBoot = -1;
    long lastSeq = -1;
    /** Where the insole's backlog upload is (it runs alongside the live frames, with older seqs). */
    long lastBacklogBoot = -1;
    long lastBacklogSeq = -1;
    float[] kpa = new float[0];
    /** The cells' calibrations in HELLO order, as an array: read for every cell of every sample. */
    CellCalibration[] calibrations = new CellCalibration[0];
  }

  WearerState(WearerRef wearer, GaitConfig config, GaitListener listener) {
    this.wearer = wearer;
    this.config = config;
    this.listener = listener;
  }

  Insole insole(long deviceId) {
    return insoles.computeIfAbsent(deviceId, id -> new Insole());
  }

  /**
   * Takes a HELLO's description. A new layout for a foot that has not streamed into an engine yet
   * joins that engine (its HELLO came after the other foot's first DATA: nothing is lost); for a
   * foot that has, the engine is finished and a new one starts, since its cells mean something else now.
   */
  void describe(Insole insole, InsoleDescription description) {
    insole.description = description;
    insole.kpa = new float[description.cells().size()];
    insole.calibrations = description.cells().stream().map(InsoleDescription.Cell::calibration)
        .toArray(CellCalibration[]::new);
    FootSide side = description.side();
    FootLayout layout = description.footLayout();
    if (!layout.equals(layouts[side.ordinal()])) {
      layouts[side.ordinal()] = layout;
      if (engine != null && !engine.attachFoot(side, layout)) {
        engine.finish();
        engine = null;
      }
      if (backfill != null && !backfill.attachFoot(side, layout)) {
        backfill.finish();
        backfill = null;
      }
    }
  }

  /** Whether both feet have an insole (so a foot's backlog is worth waiting for the other's). */
  boolean hasBothFeet() {
    return layouts[0] != null && layouts[1] != null;
  }

  /** The wearer's backlog lane, created on first use. */
  BackfillLane backfill(BackfillLane.Feed feed, ProcessingCounters counters) {
    if (backfill == null) {
      backfill = new BackfillLane(() -> new GaitEngine(config, layouts[0], layouts[1], listener), feed, counters);
    }
    return backfill;
  }

  /** Whether the backlog lane holds frames for the other foot. */
  boolean backfillHolding() {
    return backfill != null && backfill.holding();
  }

  /** Lets the backlog lane release what has waited long enough; true while it still holds frames. */
  boolean releaseOverdueBackfill(long nowUs) {
    return backfill != null && backfill.releaseOverdue(nowUs);
  }

  /** Finishes and drops the backlog lane once idle; true while this wearer still has one. */
  boolean retireIdleBackfill(long nowUs) {
    if (backfill != null && backfill.finishIfIdle(nowUs)) {
      backfill = null;
    }
    return backfill != null;
  }

  /** The lowest position among the backlog frames held for this wearer, or MAX_VALUE. */
  long backfillHeldFrom() {
    return backfill == null ? Long.MAX_VALUE : backfill.heldFrom();
  }

  /**
   * The engine, created on first use with the layouts known so far; null when a sample at
   * {@code utcUs} would go back in time for its foot (the engine takes each foot's samples in order).
   */
  GaitEngine engineFor(FootSide foot, long utcUs) {
    if (utcUs <= lastFootUtc[foot.ordinal()]) {
      return null;
    }
    lastFootUtc[foot.ordinal()] = utcUs;
    if (engine == null) {
      engine = new GaitEngine(config, layouts[0], layouts[1], listener);
    }
    return engine;
  }

  void finish() {
    if (backfill != null) {
      backfill.finish();
    }
    if (engine != null) {
      engine.finish();
    }
  }
}
