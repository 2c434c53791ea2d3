package com.plantar.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StanceProfilesTest {

  private static double copY(StanceProfiles profiles, double phase) {
    double moment = 0;
    double total = 0;
    for (int c = 0; c < profiles.layout().cellCount(); c++) {
      double v = profiles.value(c, phase);
      moment += v * profiles.layout().cell(c).y();
      total += v;
    }
    return moment / total;
  }

  private static double copX(StanceProfiles profiles, double phase) {
    double moment = 0;
    double total = 0;
    for (int c = 0; c < profiles.layout().cellCount(); c++) {
      double v = profiles.value(c, phase);
      moment += v * profiles.layout().cell(c).x();
      total += v;
    }
    return moment / total;
  }

  @ParameterizedTest
  @ValueSource(strings = {"moticon16", "gaitpdb8"})
  void centreOfPressureRollsFromHeelToToeThroughStance(String layout) {
    StanceProfiles profiles = StanceProfiles.load(layout);
    double previous = -1;
    for (double phase = 0.05; phase <= 0.95; phase += 0.15) {
      double y = copY(profiles, phase);
      assertThat(y).as("CoP y at %.0f %% of stance", phase * 100).isGreaterThan(previous);
      previous = y;
    }
    assertThat(copY(profiles, 0.05)).isLessThan(0.3);
    assertThat(copY(profiles, 0.95)).isGreaterThan(0.7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"moticon16", "gaitpdb8"})
  void pushOffEndsOnTheMedialSideOfTheForefoot(String layout) {
    StanceProfiles profiles = StanceProfiles.load(layout);
    assertThat(copX(profiles, 0.97)).isLessThan(copX(profiles, 0.5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"moticon16", "gaitpdb8"})
  void totalForceHasTheTwoHumpsOfWalking(String layout) {
    StanceProfiles profiles = StanceProfiles.load(layout);
    double loading = profiles.total(12);
    double midstance = profiles.total(25);
    double pushOff = profiles.total(38);
    assertThat(midstance).isLessThan(loading).isLessThan(pushOff);
    assertThat(profiles.total(0)).isLessThan(0.3 * loading);
    assertThat(profiles.total(50)).isLessThan(0.3 * pushOff);
  }
}
