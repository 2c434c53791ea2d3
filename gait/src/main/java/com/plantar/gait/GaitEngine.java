package com.plantar.gait;

import com.plantar.gait.internal.EngineCore;

/**
 * The gait and weight-distribution engine of one wearer: fed per-foot samples, it reports
 * strides, rolling windows, walking bouts, standing balance and alerts to a {@link GaitListener}.
 *
 * <p>Streaming and pure: no clocks (time comes only with the samples, in µs, increasing per foot),
 * no I/O, no threads. The same engine serves the live pipeline and {@code plantar analyze}.
 *
 * <p><b>Thread rule:</b> an engine is owned by one thread, which makes every call, and the listener
 * is called on that thread. It is not thread-safe. The per-sample path allocates nothing.
 *
 * <p>Input: each foot either has a {@link FootLayout} (from HELLO) and is fed rows of cell values
 * with {@link #acceptCells}, or has none and is fed a single total-force channel with
 * {@link #acceptForce}. Either foot may pause or be missing; values that need the other foot are
 * then NaN. A gap (flagged with {@code gapBefore}, e.g. after a sequence gap, or a time step longer
 * than {@link GaitConfig#maxSampleGapMicros()}) resets that foot's stride in progress, even when the
 * flagged sample is itself dropped: no stride ever spans a gap. Invalid samples are dropped and
 * counted in {@link #counters()}.
 */
public final class GaitEngine {

  private final EngineCore core;

  /**
   * @param leftLayout the left insole's cells, or null for a single force channel (or no left foot)
   * @param rightLayout the same for the right foot
   */
  public GaitEngine(GaitConfig config, FootLayout leftLayout, FootLayout rightLayout,
      GaitListener listener) {
    this.core = new EngineCore(config, leftLayout, rightLayout, listener);
  }

  /**
   * Gives {@code foot} its layout (null for a single force channel) while it has had no sample yet,
   * with the same results as an engine built with it: for a foot whose description arrives after
   * the other foot has started streaming. Returns false and changes nothing once the foot has had a
   * sample in time order (even one then rejected for its values): what the engine holds for it was
   * measured with other cells, so finish this engine and start a new one.
   */
  public boolean attachFoot(FootSide foot, FootLayout layout) {
    return core.attachFoot(foot, layout);
  }

  /** One row of cell values (as described by the foot's layout) at {@code micros}. */
  public void acceptCells(FootSide foot, long micros, float[] values, boolean gapBefore) {
    core.acceptCells(foot, micros, values, gapBefore);
  }

  /**
   * One total-force sample at {@code micros}, for a foot without a cell layout (rejected and
   * counted for a foot that has one).
   */
  public void acceptForce(FootSide foot, long micros, float force, boolean gapBefore) {
    core.acceptForce(foot, micros, force, gapBefore);
  }

  /** End of input: emits the strides still waiting for the other foot, the open window and bout. */
  public void finish() {
    core.finish();
  }

  public EngineCounters counters() {
    return core.counters();
  }
}
