package com.plantar.gateway.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootClockTest {
  private static final long BOOT_UTC_US = 1_764_000_000_000_000L;

  /** The true UTC of a device time on a clock that runs {@code ppm} fast. */
  private static long trueUtc(long monoUs, double ppm) {
    return BOOT_UTC_US + Math.round(monoUs / (1 + ppm * 1e-6));
  }

  @Test
  void driftingClockIsMappedWithinAMillisecondOverHours() {
    BootClock clock = new BootClock();
    SplittableRandom random = new SplittableRandom(7);
    double ppm = 120;
    // An anchor every 10 minutes for 6 hours, each with up to ±2 ms of one-way asymmetry.
    for (long mono = 60_000_000L; mono < 6 * 3_600_000_000L; mono += 600_000_000L) {
      long rtt = 5_000 + random.nextInt(20_000);
      long error = random.nextLong(-2_000, 2_001);
      clock.addAnchor(mono, trueUtc(mono, ppm) + error, rtt);
    }
    for (long mono = 0; mono < 7 * 3_600_000_000L; mono += 977_000_000L) {
      MappedTime mapped = clock.toUtc(mono, 0);
      assertThat(mapped.quality()).isEqualTo(TimeQuality.ANCHORED);
      assertThat(Math.abs(mapped.utcUs() - trueUtc(mono, ppm))).as("at mono %d", mono).isLessThan(1_000);
    }
  }

  @Test
  void withoutDriftCorrectionTheSameClockWouldBeSecondsOff() {
    // The reason for the fit: 120 ppm over 6 h is 2.6 s.
    long sixHours = 6 * 3_600_000_000L;
    assertThat(sixHours - (trueUtc(sixHours, 120) - BOOT_UTC_US)).isGreaterThan(2_500_000);
  }

  @Test
  void oneAnchorGivesAnOffsetForEarlierAndLaterSamples() {
    BootClock clock = new BootClock();
    clock.addAnchor(10_000_000, BOOT_UTC_US + 10_000_000, 3_000);
    assertThat(clock.toUtc(2_000_000, 0)).isEqualTo(new MappedTime(BOOT_UTC_US + 2_000_000, TimeQuality.ANCHORED));
    assertThat(clock.toUtc(50_000_000, 0).utcUs()).isEqualTo(BOOT_UTC_US + 50_000_000);
  }

  @Test
  void implausibleSlopeFallsBackToAnOffset() {
    BootClock clock = new BootClock();
    clock.addAnchor(0, BOOT_UTC_US, 1_000);
    clock.addAnchor(1_000_000_000L, BOOT_UTC_US + 1_000_000_000L + 5_000_000L, 1_000); // 5000 ppm: a bad anchor
    MappedTime mapped = clock.toUtc(500_000_000L, 0);
    assertThat(mapped.utcUs()).isEqualTo(BOOT_UTC_US + 500_000_000L + 2_500_000L);
  }

  @Test
  void preciseAnchorsOutweighSloppyOnes() {
    BootClock clock = new BootClock();
    clock.addAnchor(0, BOOT_UTC_US, 2_000);
    clock.addAnchor(1_000_000, BOOT_UTC_US + 1_000_000 + 80_000, 400_000); // a 400 ms round trip
    assertThat(Math.abs(clock.toUtc(0, 0).utcUs() - BOOT_UTC_US)).isLessThan(1_000);
  }

  @Test
  void withoutAnchorsHelloGivesAnEstimateAndNothingGivesUnsynced() {
    BootClock clock = new BootClock();
    assertThat(clock.toUtc(5_000_000, 777)).isEqualTo(new MappedTime(777, TimeQuality.UNSYNCED));
    clock.addHello(4_000_000, BOOT_UTC_US + 4_000_000);
    assertThat(clock.toUtc(5_000_000, 777)).isEqualTo(new MappedTime(BOOT_UTC_US + 5_000_000, TimeQuality.HELLO_ESTIMATE));
  }
}
