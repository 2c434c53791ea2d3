package com.plantar.gait;

/**
 * Immutable engine settings. Every detection threshold is a fraction of the wearer's own signal
 * (learned swing floor to learned stance peak), so no setting is in newtons. Defaults are in
 * {@link #defaults()}; derive variants with the {@code with...} methods.
 *
 * @param weightKg body weight, or NaN when unknown (loading rate per kg is then NaN)
 * @param contactOnFraction coarse contact: force rises above floor + this × amplitude
 * @param contactOffFraction coarse release: force falls below floor + this × amplitude
 * @param initialContactLevel reference level (× amplitude above the local floor) on the rising
 *     edge: its crossing gives the edge's slope, and the contact is the onset of the edge before
 *     it (a load threshold for calibrated cells, the edge's knee for a single channel; see
 *     METRICS.md)
 * @param toeOffLevel level (× stance maximum above the local floor) whose crossing on the falling
 *     edge times the toe-off (calibrated), or whose tangent extrapolated to the floor does
 *     (single channel)
 * @param edgeWindowMicros how long after a fall the local floor is searched (so a toe-off is
 *     reported this much later); also the refractory time: a fall followed by a rise within it is
 *     one stance, not two
 * @param floorSearchMicros how far before a rise the local floor is searched (slow heel loading
 *     can take longer than an edge window); never before the previous toe-off
 * @param minStanceMicros shorter contacts are not stances (taps, noise)
 * @param maxStanceMicros longer contacts are standing: no stride spans them
 * @param maxStrideMicros longer "strides" are pauses: no stride spans them
 * @param maxSampleGapMicros a time step longer than this is a gap (reset, never a stride)
 * @param envelopeAdaptation weight of each new stance peak and swing floor in the learned envelope
 *     (per stride, so the envelope follows slow drift but not single odd steps)
 * @param windowMicros rolling summary window length
 * @param boutEndMicros a walking bout ends after this long without an initial contact
 * @param minBoutStrides bouts with fewer strides are not reported
 * @param standingMinMicros both feet loaded without a step for this long is standing
 * @param hotSpotKilopascal hot-spot alert: a cell pressure above this...
 * @param hotSpotDwellMicros ...for this much cumulative time
 * @param asymmetryAlertPercent asymmetry alert: load or stance symmetry index above this...
 * @param asymmetryAlertWindows ...in this many consecutive windows
 */
public record GaitConfig(
    double weightKg,
    double contactOnFraction,
    double contactOffFraction,
    double initialContactLevel,
    double toeOffLevel,
    long edgeWindowMicros,
    long floorSearchMicros,
    long minStanceMicros,
    long maxStanceMicros,
    long maxStrideMicros,
    long maxSampleGapMicros,
    double envelopeAdaptation,
    long windowMicros,
    long boutEndMicros,
    int minBoutStrides,
    long standingMinMicros,
    double hotSpotKilopascal,
    long hotSpotDwellMicros,
    double asymmetryAlertPercent,
    int asymmetryAlertWindows) {

  public GaitConfig {
    if (!(contactOffFraction > 0 && contactOffFraction < contactOnFraction
        && contactOnFraction < 1)) {
      throw new IllegalArgumentException("need 0 < contactOffFraction < contactOnFraction < 1");
    }
    if (!(initialContactLevel > 0 && initialContactLevel < 1
        && toeOffLevel > 0 && toeOffLevel < 1)) {
      throw new IllegalArgumentException("edge levels must be in (0, 1)");
    }
    if (edgeWindowMicros <= 0 || floorSearchMicros <= 0 || minStanceMicros <= 0
        || maxStanceMicros <= minStanceMicros || maxStrideMicros <= 0 || maxSampleGapMicros <= 0
        || windowMicros <= 0
        || boutEndMicros <= 0 || standingMinMicros <= 0 || hotSpotDwellMicros <= 0) {
      throw new IllegalArgumentException(
          "durations must be positive (and max stance > min stance)");
    }
    if (!(envelopeAdaptation > 0 && envelopeAdaptation <= 1)) {
      throw new IllegalArgumentException("envelopeAdaptation must be in (0, 1]");
    }
    if (minBoutStrides < 1 || asymmetryAlertWindows < 1) {
      throw new IllegalArgumentException("counts must be at least 1");
    }
    if (!(weightKg > 0) && !Double.isNaN(weightKg)) {
      throw new IllegalArgumentException("weightKg must be positive or NaN (unknown): " + weightKg);
    }
  }

  /** Settings for adult walking at 50 Hz or faster. */
  public static GaitConfig defaults() {
    return new GaitConfig(
        Double.NaN, 0.30, 0.15, 0.20, 0.10,
        100_000, 250_000, 120_000, 3_000_000, 3_000_000, 250_000,
        0.25, 10_000_000, 2_500_000, 3, 3_000_000,
        250, 30_000_000, 15, 3);
  }

  public GaitConfig withWeightKg(double kg) {
    return new GaitConfig(kg, contactOnFraction, contactOffFraction, initialContactLevel,
        toeOffLevel, edgeWindowMicros, floorSearchMicros, minStanceMicros, maxStanceMicros,
        maxStrideMicros, maxSampleGapMicros, envelopeAdaptation, windowMicros, boutEndMicros,
        minBoutStrides, standingMinMicros, hotSpotKilopascal, hotSpotDwellMicros,
        asymmetryAlertPercent, asymmetryAlertWindows);
  }

  public GaitConfig withHotSpot(double kilopascal, long dwellMicros) {
    return new GaitConfig(weightKg, contactOnFraction, contactOffFraction, initialContactLevel,
        toeOffLevel, edgeWindowMicros, floorSearchMicros, minStanceMicros, maxStanceMicros,
        maxStrideMicros, maxSampleGapMicros, envelopeAdaptation, windowMicros, boutEndMicros,
        minBoutStrides, standingMinMicros, kilopascal, dwellMicros, asymmetryAlertPercent,
        asymmetryAlertWindows);
  }

  public GaitConfig withAsymmetryAlert(double percent, int windows) {
    return new GaitConfig(weightKg, contactOnFraction, contactOffFraction, initialContactLevel,
        toeOffLevel, edgeWindowMicros, floorSearchMicros, minStanceMicros, maxStanceMicros,
        maxStrideMicros, maxSampleGapMicros, envelopeAdaptation, windowMicros, boutEndMicros,
        minBoutStrides, standingMinMicros, hotSpotKilopascal, hotSpotDwellMicros, percent,
        windows);
  }
}
