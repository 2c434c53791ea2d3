package com.plantar.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeSyncTest {

  @Test
  void sendsEightProbesFiftyMillisecondsApartAndAnchorsOnTheSmallestRoundTrip() {
    long utcMinusMono = 1_700_000_000_000_000L;
    TimeSync sync = new TimeSync(1_000_000, 100);
    long[] uplinkDelay = {40_000, 9_000, 25_000, 3_000, 30_000, 12_000, 50_000, 8_000};
    long downlinkDelay = 5_000;
    for (int k = 0; k < TimeSync.PROBES; k++) {
      long t0 = 1_000_000 + k * TimeSync.SPACING_US;
      assertThat(sync.nextProbe(t0 - 1)).as("not due early").isEqualTo(-1);
      int id = sync.nextProbe(t0);
      assertThat(id).isEqualTo(100 + k);
      long t1 = t0 + uplinkDelay[k] + utcMinusMono;
      long t2 = t1 + 200;
      long t3 = t2 - utcMinusMono + downlinkDelay;
      sync.onResponse(id, t0, t1, t2, t3);
    }
    assertThat(sync.finished(1_400_000)).isTrue();
    TimeSync.Result result = sync.result();
    // Probe 3 had the fastest round trip: 3 ms up, 5 ms down.
    assertThat(result.rttUs()).isEqualTo(8_000);
    assertThat(result.monoUs()).isEqualTo(1_000_000 + 3 * TimeSync.SPACING_US + 3_000 + 200 + 5_000);
    // The estimate is off by half the path asymmetry, (5 - 3) / 2 ms.
    assertThat((double) result.utcUs() - result.monoUs()).isCloseTo(utcMinusMono, within(1_000.0));
  }

  @Test
  void finishesAfterTheTimeoutWhenProbesGoUnansweredAndIgnoresStrangers() {
    TimeSync sync = new TimeSync(0, 0);
    for (int k = 0; k < TimeSync.PROBES; k++) {
      sync.nextProbe(k * TimeSync.SPACING_US);
    }
    sync.onResponse(2, 999, 0, 0, 1000);
    assertThat(sync.result()).isNull();
    assertThat(sync.finished(7 * TimeSync.SPACING_US + TimeSync.TIMEOUT_US - 1)).isFalse();
    assertThat(sync.finished(7 * TimeSync.SPACING_US + TimeSync.TIMEOUT_US)).isTrue();
  }
}
