package com.plantar.gait;

/**
 * Walking metrics over a span of time (a rolling window or a walking bout).
 *
 * @param startMicros span start
 * @param endMicros span end
 * @param steps initial contacts of either foot in the span
 * @param leftStrides strides of the left foot completed in the span
 * @param rightStrides strides of the right foot
 * @param cadenceStepsPerMin steps per minute from the mean stride time (2 steps per stride); the
 *     Moticon report's "stride cadence" is half of it (strides per minute)
 * @param leftLoadSharePct left share of the mean per-stride impulse of both feet, %; the right
 *     share is 100 minus it
 * @param symmetry left/right symmetry indices
 * @param variability stride-time variability
 */
public record GaitSummary(
    long startMicros,
    long endMicros,
    int steps,
    int leftStrides,
    int rightStrides,
    double cadenceStepsPerMin,
    double leftLoadSharePct,
    SymmetryIndices symmetry,
    StrideVariability variability) {

  public double rightLoadSharePct() {
    return 100 - leftLoadSharePct;
  }

  /** The summary of any span, e.g. a whole recording, from its strides and step count. */
  public static GaitSummary of(long startMicros, long endMicros, int steps,
      java.util.List<Stride> strides) {
    return com.plantar.gait.internal.SummaryCalculator.summarize(startMicros, endMicros, steps,
        strides);
  }
}
