package com.plantar.gateway.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenialWindowTest {

  @Test
  void tenDenialsWithinTenSecondsAreAbuse() {
    // Real nanoTime values are arbitrary, often huge: start far from zero.
    long start = 9_000_000_000_000L;
    DenialWindow window = new DenialWindow();
    for (int i = 0; i < 9; i++) {
      assertThat(window.record(start + i * 1_000_000_000L)).isFalse();
    }
    assertThat(window.record(start + 9_500_000_000L)).isTrue();
  }

  @Test
  void denialsSpreadOverTimeAreNot() {
    DenialWindow window = new DenialWindow();
    for (int i = 0; i < 50; i++) {
      assertThat(window.record(9_000_000_000_000L + i * 2_000_000_000L)).as("denial %d, 2 s apart", i).isFalse();
    }
  }
}
