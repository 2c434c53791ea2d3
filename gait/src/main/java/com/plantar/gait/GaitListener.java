package com.plantar.gait;

/**
 * Receives what a {@link GaitEngine} finds. Every method is called on the thread that feeds the
 * engine, in the order the events complete; implementations must be fast, must not block and must
 * not throw. All methods default to doing nothing.
 */
public interface GaitListener {

  GaitListener NONE = new GaitListener() {};

  /** A foot touched down or lifted off. */
  default void onGaitEvent(GaitEvent event) {}

  /** A stride completed (emitted at the next initial contact, plus a short edge delay). */
  default void onStride(Stride stride) {}

  /** A rolling window ended. */
  default void onWindow(GaitSummary window) {}

  /** A walking bout ended (a pause, a gap or the end of the input). */
  default void onWalkingBout(GaitSummary bout) {}

  /** A standing period ended. */
  default void onStandingBalance(StandingBalance balance) {}

  default void onAlert(Alert alert) {}
}
