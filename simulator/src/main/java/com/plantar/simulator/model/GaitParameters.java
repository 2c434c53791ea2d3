package com.plantar.simulator.model;

import java.util.List;

/**
 * A wearer's gait, immutable. {@code cadenceSpm} steps per minute (both feet); {@code
 * stanceFraction} of a stride each foot is on the ground; {@code leftLoadShare} of the stride's
 * vertical impulse carried by the left foot (0.5 is symmetric); {@code pronation} in −1…1 shifts
 * load medially when positive (laterally when negative); {@code strideVariability} is the
 * coefficient of variation of stride time; {@code turnsPerMinute} how often a three-stride turn
 * starts while walking; {@code plan} the activities, repeated in a cycle.
 */
public record GaitParameters(double cadenceSpm, double stanceFraction, double leftLoadShare,
    double bodyWeightKg, double pronation, ArchType arch, FootStrike strike,
    double strideVariability, double turnsPerMinute, List<ActivityPeriod> plan) {

  public static final double GRAVITY = 9.80665;

  public GaitParameters {
    requireRange("cadenceSpm", cadenceSpm, 30, 240);
    requireRange("stanceFraction", stanceFraction, 0.5, 0.85);
    requireRange("leftLoadShare", leftLoadShare, 0.2, 0.8);
    requireRange("bodyWeightKg", bodyWeightKg, 20, 250);
    requireRange("pronation", pronation, -1, 1);
    requireRange("strideVariability", strideVariability, 0, 0.2);
    requireRange("turnsPerMinute", turnsPerMinute, 0, 30);
    if (plan.isEmpty()) {
      throw new IllegalArgumentException("the activity plan is empty");
    }
    plan = List.copyOf(plan);
  }

  /** A healthy adult walking steadily: 110 steps/min, 62 % stance, symmetric, 75 kg. */
  public static GaitParameters typical() {
    return new GaitParameters(110, 0.62, 0.5, 75, 0, ArchType.NORMAL, FootStrike.HEEL, 0.02, 0,
        List.of(new ActivityPeriod(Activity.WALKING, 3600)));
  }

  public double bodyWeightNewtons() {
    return bodyWeightKg * GRAVITY;
  }

  public double strideSeconds() {
    return 120.0 / cadenceSpm;
  }

  public GaitParameters withCadence(double spm) {
    return new GaitParameters(spm, stanceFraction, leftLoadShare, bodyWeightKg, pronation, arch,
        strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withStanceFraction(double fraction) {
    return new GaitParameters(cadenceSpm, fraction, leftLoadShare, bodyWeightKg, pronation, arch,
        strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withLeftLoadShare(double share) {
    return new GaitParameters(cadenceSpm, stanceFraction, share, bodyWeightKg, pronation, arch,
        strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withBodyWeightKg(double kg) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, kg, pronation, arch,
        strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withPronation(double value) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, value, arch,
        strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withArch(ArchType value) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, pronation,
        value, strike, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withStrike(FootStrike value) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, pronation,
        arch, value, strideVariability, turnsPerMinute, plan);
  }

  public GaitParameters withStrideVariability(double cv) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, pronation,
        arch, strike, cv, turnsPerMinute, plan);
  }

  public GaitParameters withTurnsPerMinute(double value) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, pronation,
        arch, strike, strideVariability, value, plan);
  }

  public GaitParameters withPlan(List<ActivityPeriod> value) {
    return new GaitParameters(cadenceSpm, stanceFraction, leftLoadShare, bodyWeightKg, pronation,
        arch, strike, strideVariability, turnsPerMinute, value);
  }

  private static void requireRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
    }
  }
}
