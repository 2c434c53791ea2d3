package com.plantar.gait.internal;

import com.plantar.gait.Stride;
import com.plantar.gait.StrideTiming;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Completes each foot's strides with the other foot's timing (double support, single support,
 * step time). A stride waits until the other foot's events up to its end are final (the other
 * foot's samples have passed its end by one edge window), or until the other foot is silent, in
 * which case the values that need it are NaN.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class StrideAssembler {

  /** The other foot counts as missing when its samples lag this far behind. */
  private static final long SILENT_MICROS = 2_000_000;

  private final FootTracker[] feet;
  private final long settleMicros;
  private final Consumer<Stride> out;
  private final ArrayDeque<FootStride> pending = new ArrayDeque<>();

  /** @param feet the engine's trackers by foot, read at every poll (a foot may be attached later) */
  StrideAssembler(FootTracker[] feet, long settleMicros, Consumer<Stride> out) {
    this.feet = feet;
    this.settleMicros = settleMicros;
    this.out = out;
  }

  void add(FootStride stride) {
    pending.addLast(stride);
  }

  /** Emits every pending stride whose other foot has settled; {@code nowMicros} is the latest sample. */
  void poll(long nowMicros) {
    while (!pending.isEmpty()) {
      FootStride s = pending.peekFirst();
      FootTracker other = feet[1 - s.foot().ordinal()];
      long otherTime = other.lastSampleMicros();
      boolean settled = otherTime >= s.nextInitialContactMicros() + settleMicros;
      boolean silent = otherTime == Long.MIN_VALUE || nowMicros - otherTime > SILENT_MICROS;
      if (!settled && !silent) {
        return;
      }
      pending.pollFirst();
      out.accept(complete(s, settled ? other : null));
    }
  }

  /** Emits everything still pending, with whatever the other foot has. */
  void flush() {
    while (!pending.isEmpty()) {
      FootStride s = pending.pollFirst();
      out.accept(complete(s, feet[1 - s.foot().ordinal()]));
    }
  }

  private static Stride complete(FootStride s, FootTracker other) {
    long ic = s.initialContactMicros();
    long to = s.toeOffMicros();
    long next = s.nextInitialContactMicros();
    double stride = (next - ic) * 1e-6;
    double stance = (to - ic) * 1e-6;
    double swing = (next - to) * 1e-6;
    double initialDs = Double.NaN;
    double terminalDs = Double.NaN;
    double stepTime = Double.NaN;
    EventHistory h = other == null ? null : other.history();
    long previousOtherContact = h == null ? Long.MIN_VALUE : h.lastAtOrBefore(true, ic);
    // The other foot must have been tracked for a stride before, and have stepped within one.
    if (h != null && h.continuousSince() <= ic - (next - ic)
        && previousOtherContact != Long.MIN_VALUE && ic - previousOtherContact < next - ic) {
      boolean otherLoadedAtContact = h.loadedAt(ic);
      long otherToeOff = h.first(false, ic, to);
      initialDs = !otherLoadedAtContact ? 0
          : otherToeOff != Long.MIN_VALUE ? (otherToeOff - ic) * 1e-6 : stance;
      long otherContact = h.first(true, Math.max(ic, otherToeOff == Long.MIN_VALUE ? ic : otherToeOff), to);
      terminalDs = otherContact != Long.MIN_VALUE ? (to - otherContact) * 1e-6 : 0;
      if (initialDs >= stance) {
        terminalDs = 0;
      }
      stepTime = (ic - previousOtherContact) * 1e-6;
    }
    double ds = initialDs + terminalDs;
    StrideTiming timing = new StrideTiming(stride, stance, swing, stance / stride * 100,
        swing / stride * 100, initialDs, terminalDs, ds, ds / stride * 100,
        stance - ds, stepTime);
    return new Stride(s.foot(), ic, to, next, timing, s.force(), s.pressure(), s.turnSuspected());
  }
}
