package com.plantar.gait;

/**
 * The vertical force curve of one stance, in the input's force unit (N for cell layouts; the
 * sensor's own unit for a single uncalibrated channel), measured above the learned swing floor.
 *
 * @param firstPeak maximum force in the first half of stance
 * @param firstPeakPctStance its time, % of stance
 * @param secondPeak maximum force in the second half of stance
 * @param secondPeakPctStance its time, % of stance
 * @param valley minimum force between the two peaks
 * @param valleyPctStance its time, % of stance
 * @param maxForce maximum force in stance
 * @param meanForce mean force in stance
 * @param loadingRatePerS maximum rise rate (force/s) between initial contact and the first peak
 * @param loadingRatePerSPerKg the same per kg body weight (NaN when the weight is unknown)
 * @param impulse force integrated over stance (force·s)
 */
public record ForceProfile(
    double firstPeak,
    double firstPeakPctStance,
    double secondPeak,
    double secondPeakPctStance,
    double valley,
    double valleyPctStance,
    double maxForce,
    double meanForce,
    double loadingRatePerS,
    double loadingRatePerSPerKg,
    double impulse) {}
