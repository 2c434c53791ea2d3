package com.plantar.simulator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Named gait profiles for the command line and the demo. */
public final class GaitPresets {
  private static final Map<String, GaitParameters> PRESETS = build();

  private GaitPresets() {}

  private static Map<String, GaitParameters> build() {
    GaitParameters typical = GaitParameters.typical();
    Map<String, GaitParameters> presets = new LinkedHashMap<>();
    presets.put("typical", typical);
    presets.put("pronator", typical.withPronation(0.7));
    presets.put("supinator", typical.withPronation(-0.6));
    presets.put("flatfoot", typical.withArch(ArchType.FLAT).withPronation(0.4));
    presets.put("higharch", typical.withArch(ArchType.HIGH).withPronation(-0.3));
    presets.put("forefoot", typical.withStrike(FootStrike.FOREFOOT).withCadence(125).withStanceFraction(0.58));
    presets.put("asymmetric", typical.withLeftLoadShare(0.58).withStrideVariability(0.04));
    presets.put("shuffle", typical.withCadence(120).withStanceFraction(0.7)
        .withPlan(List.of(new ActivityPeriod(Activity.SHUFFLING, 3600))));
    presets.put("elderly", typical.withCadence(95).withStanceFraction(0.66).withStrideVariability(0.05)
        .withBodyWeightKg(68).withTurnsPerMinute(2));
    presets.put("daily", typical.withTurnsPerMinute(3).withPlan(List.of(
        new ActivityPeriod(Activity.WALKING, 90), new ActivityPeriod(Activity.STANDING, 30),
        new ActivityPeriod(Activity.WALKING, 60), new ActivityPeriod(Activity.SITTING, 60),
        new ActivityPeriod(Activity.SHUFFLING, 20))));
    return Map.copyOf(presets);
  }

  /** The preset called {@code name}; an unknown name is an IllegalArgumentException listing the known ones. */
  public static GaitParameters byName(String name) {
    GaitParameters found = PRESETS.get(name);
    if (found == null) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; known: " + names());
    }
    return found;
  }

  public static Set<String> names() {
    return new java.util.TreeSet<>(PRESETS.keySet());
  }
}
