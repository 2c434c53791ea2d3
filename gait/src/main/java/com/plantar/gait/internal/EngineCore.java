package com.plantar.gait.internal;

import com.plantar.gait.CellUnit;
import com.plantar.gait.EngineCounters;
import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEvent;
import com.plantar.gait.GaitListener;
import com.plantar.gait.Stride;

/**
 * The implementation behind {@link com.plantar.gait.GaitEngine}; see there for the contract.
 * Public only so the facade in the parent package can reach it.
 */
public final class EngineCore {

  private final GaitConfig config;
  private final GaitListener listener;
  /** By foot; shared with the assembler and the balance tracker, so a foot attached later is theirs too. */
  private final FootTracker[] feet = new FootTracker[2];
  private final HotSpotTracker[] hotSpots = new HotSpotTracker[2];
  private final long[] lastMicros = {Long.MIN_VALUE, Long.MIN_VALUE};
  private final long maxGapMicros;
  private final StrideAssembler assembler;
  private final GaitStatistics statistics;
  private final BalanceTracker balance;
  private long now = Long.MIN_VALUE;
  private long accepted;
  private long rejected;
  private long outOfOrder;
  private long gaps;

  public EngineCore(GaitConfig config, FootLayout leftLayout, FootLayout rightLayout,
      GaitListener listener) {
    this.config = config;
    this.listener = listener;
    this.maxGapMicros = config.maxSampleGapMicros();
    long settle = config.edgeWindowMicros() * 2;
    this.statistics = new GaitStatistics(config, listener, settle + 1_000_000);
    track(FootSide.LEFT, leftLayout);
    track(FootSide.RIGHT, rightLayout);
    this.assembler = new StrideAssembler(feet, settle, this::emit);
    this.balance = new BalanceTracker(config, listener, feet);
  }

  /**
   * Gives a foot that has had no sample yet its layout, as if the engine had been built with it;
   * false, changing nothing, once the foot has had one (its stride in progress and learned envelope
   * belong to the old cells).
   */
  public boolean attachFoot(FootSide side, FootLayout layout) {
    if (lastMicros[side.ordinal()] != Long.MIN_VALUE) {
      return false;
    }
    track(side, layout);
    return true;
  }

  /** A fresh tracker (and hot-spot tracker, for pressure cells) for {@code side}. */
  private void track(FootSide side, FootLayout layout) {
    CellGeometry geometry = layout == null ? null : new CellGeometry(layout);
    feet[side.ordinal()] = new FootTracker(side, config, geometry, this::onFootStride, this::onEvent);
    hotSpots[side.ordinal()] =
        geometry != null && (layout.unit() == CellUnit.KILOPASCAL || layout.hasAreas())
            ? new HotSpotTracker(side, geometry, config, listener) : null;
  }

  private void onFootStride(FootStride stride) {
    assembler.add(stride);
  }

  private void onEvent(GaitEvent event) {
    listener.onGaitEvent(event);
    if (event.kind() == GaitEvent.Kind.INITIAL_CONTACT) {
      statistics.onStep(event.micros());
    }
  }

  private void emit(Stride stride) {
    listener.onStride(stride);
    statistics.onStride(stride);
  }

  public void acceptCells(FootSide side, long micros, float[] values, boolean gapBefore) {
    FootTracker foot = feet[side.ordinal()];
    CellGeometry geometry = foot.geometry();
    if (geometry == null || values == null || values.length != geometry.size()) {
      reject(side, micros, gapBefore);
      return;
    }
    if (!admit(side, micros, gapBefore)) {
      return;
    }
    if (!geometry.load(values)) {
      rejected++;
      return;
    }
    HotSpotTracker hot = hotSpots[side.ordinal()];
    if (hot != null) {
      hot.accept(micros);
    }
    process(foot, micros, (float) geometry.totalCellForce());
  }

  public void acceptForce(FootSide side, long micros, float force, boolean gapBefore) {
    if (!Float.isFinite(force) || feet[side.ordinal()].geometry() != null) {
      reject(side, micros, gapBefore);
      return;
    }
    if (!admit(side, micros, gapBefore)) {
      return;
    }
    process(feet[side.ordinal()], micros, force);
  }

  /** Time checks common to both inputs; handles gaps. False when the sample is dropped. */
  private boolean admit(FootSide side, long micros, boolean gapBefore) {
    long previous = lastMicros[side.ordinal()];
    if (previous != Long.MIN_VALUE && micros <= previous) {
      outOfOrder++;
      if (gapBefore) {
        gap(side, previous + 1);
      }
      return false;
    }
    if (previous != Long.MIN_VALUE && (gapBefore || micros - previous > maxGapMicros)) {
      gap(side, micros);
    }
    lastMicros[side.ordinal()] = micros;
    return true;
  }

  /**
   * Drops a sample for its values. Its gap flag still counts: the samples lost before it are lost
   * whatever this one holds, so no stride may span them.
   */
  private void reject(FootSide side, long micros, boolean gapBefore) {
    rejected++;
    long previous = lastMicros[side.ordinal()];
    if (gapBefore && previous != Long.MIN_VALUE) {
      gap(side, Math.max(micros, previous + 1));
    }
  }

  private void gap(FootSide side, long firstMicrosAfter) {
    gaps++;
    feet[side.ordinal()].gap(firstMicrosAfter);
    HotSpotTracker hot = hotSpots[side.ordinal()];
    if (hot != null) {
      hot.gap();
    }
    balance.end();
  }

  private void process(FootTracker foot, long micros, float force) {
    accepted++;
    foot.accept(micros, force);
    if (micros > now) {
      now = micros;
    }
    balance.accept(foot, micros);
    assembler.poll(now);
    statistics.tick(now);
  }

  public void finish() {
    assembler.flush();
    balance.end();
    statistics.finish(now);
  }

  public EngineCounters counters() {
    return new EngineCounters(accepted, rejected, outOfOrder, gaps);
  }
}
