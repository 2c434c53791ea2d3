package com.plantar.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.Side;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rows that cannot be stored faithfully are refused when they are built, with a message that says why. */
class RowValidationTest {
  @Test
  void rawBatchRefusesValuesThatDoNotMatchSamplesTimesCells() {
    assertThatThrownBy(() -> new RawSampleBatch("t", "w", "d", Side.L, new long[25], new int[25 * 16 - 1], 16,
        TimeQuality.SYNCED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25 samples × 16 cells");
    assertThatThrownBy(() -> new RawSampleBatch("t", "w", "d", Side.L, new long[1], new int[65], 65,
        TimeQuality.SYNCED)).hasMessageContaining("cell count must be 1..64");
  }

  @Test
  void identifiersThatWouldBecomeTagsMustBeShortAndPlain() {
    assertThatThrownBy(() -> new RawSampleBatch("t", "w", "dev 1,side=L", Side.L, new long[1], new int[1], 1,
        TimeQuality.SYNCED)).hasMessageContaining("device may hold only");
    assertThatThrownBy(() -> new StrideRow("", "w", "d", Side.L, 0, 1, 2, StrideMetrics.builder().build()))
        .hasMessageContaining("tenant must be 1..64");
    assertThatThrownBy(() -> new AlertEvent("t", "w", Optional.empty(), 0, "free text alert", AlertSeverity.INFO, 1,
        1, "m")).hasMessageContaining("alert type may hold only");
  }

  @Test
  void strideEventsMustBeInOrderAndMetricsFinite() {
    assertThatThrownBy(() -> new StrideRow("t", "w", "d", Side.L, 10, 5, 20, StrideMetrics.builder().build()))
        .hasMessageContaining("stride events out of order");
    assertThatThrownBy(() -> StrideMetrics.builder().put(StrideMetric.STRIDE_TIME_S, Double.POSITIVE_INFINITY).build())
        .hasMessageContaining("stride_time_s must be a finite number");
  }

  @Test
  void configRefusesUserAndTokenTogetherAndNeverPrintsSecrets() {
    StoreConfig withUser = StoreConfig.influxDb(URI.create("http://127.0.0.1:8086"), "db").withBasicAuth("gw", "pw-1");
    assertThatThrownBy(() -> new StoreConfig(StoreKind.INFLUXDB, null, withUser.influxUrl(), "db", "", "gw", "pw-1",
        "tok", false, 1, 1, 1, 1, 0, java.time.Duration.ZERO)).hasMessageContaining("not both");
    assertThat(withUser.toString()).contains("basic(gw)").doesNotContain("pw-1");
    assertThat(withUser.withToken("tok-2").toString()).contains("auth=token").doesNotContain("tok-2");
  }

  @Test
  void influxDatabaseMayBeAnyPrintableBucketNameButNotEmptyOrMultiLine() {
    URI url = URI.create("http://127.0.0.1:8086");
    assertThat(StoreConfig.influxDb(url, "plantar/autogen").database()).isEqualTo("plantar/autogen");
    assertThatThrownBy(() -> StoreConfig.influxDb(url, "")).hasMessageContaining("InfluxDB database must be");
    assertThatThrownBy(() -> StoreConfig.influxDb(url, "a\nb")).hasMessageContaining("printable");
  }

  @Test
  void weekBucketsStartOnMondayMidnightUtc() {
    long thursdayNoon = 1_793_836_800_000_000L + 12 * 3_600_000_000L; // 2026-11-05T12:00Z, a Thursday
    assertThat(TrendBucket.WEEK.floor(thursdayNoon)).isEqualTo(1_793_577_600_000_000L); // Monday 2026-11-02
    assertThat(TrendBucket.DAY.floor(thursdayNoon)).isEqualTo(1_793_836_800_000_000L);
  }
}
