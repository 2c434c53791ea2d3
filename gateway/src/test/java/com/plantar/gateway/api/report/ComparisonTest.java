package com.plantar.gateway.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

  @Test
  void matchesScipyWelchAndTheTextbookEffectSize() {
    // Reference values: scipy.stats.ttest_ind(before, after, equal_var=False) → p 0.04507525908479351;
    // Cohen's d with the pooled SD 1.3645625707848408, Hedges' g 1.2476000647175687 (numpy).
    Comparison c = Comparison.of(new double[] {1, 2, 3, 4, 5.5}, new double[] {2, 4.5, 6, 8, 10, 11});
    assertThat(c.welchP()).isCloseTo(0.04507525908479351, within(1e-9));
    assertThat(c.cohensD()).isCloseTo(1.3645625707848408, within(1e-12));
    assertThat(c.hedgesG()).isCloseTo(1.2476000647175687, within(1e-12));
    assertThat(c.before().sd()).isCloseTo(1.746424919657298, within(1e-12));
    assertThat(c.after().n()).isEqualTo(6);
    assertThat(c.difference()).isCloseTo(41.5 / 6 - 3.1, within(1e-12));
  }

  @Test
  void tooFewStridesGiveNoStatisticsInsteadOfNonsense() {
    Comparison c = Comparison.of(new double[] {1}, new double[] {2, 3});
    assertThat(c.before().sd()).isNaN();
    assertThat(c.welchP()).isNaN();
    assertThat(c.hedgesG()).isNaN();
    assertThat(Comparison.of(new double[0], new double[0]).before().mean()).isNaN();
  }
}
