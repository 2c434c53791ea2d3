package com.plantar.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.plantar.gateway.registry.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TimeSeriesStore} adapter must show, run against each real backend by a
 * subclass that opens one store per class. Each test writes under its own tenant, so tests never see
 * each other's rows.
 */
abstract class TimeSeriesStoreConformance {
  static final long DAY_US = 86_400_000_000L;
  /**
   * Midnight UTC of the Monday three weeks back: recent enough for a 30-day raw retention (InfluxDB
   * drops points beyond it on write), early enough that the 16 days of trend data are mostly past.
   */
  static final long T0 = TrendBucket.WEEK.floor(System.currentTimeMillis() * 1000) - 21 * DAY_US;
  static final long SAMPLE_US = 10_000L;
  private static final AtomicInteger tenants = new AtomicInteger();

  private final String tenant = "tenant-" + tenants.incrementAndGet();

  /** The store under test; shared by the tests of a class. */
  abstract TimeSeriesStore store();

  static void await(CompletionStage<Void> committed) throws Exception {
    committed.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** {@code samples} samples of {@code cells} cells from {@code startUs}; values identify device, sample and cell. */
  static RawSampleBatch batch(String tenant, String device, Side side, long startUs, int samples, int cells, int salt) {
    long[] times = new long[samples];
    int[] values = new int[samples * cells];
    for (int s = 0; s < samples; s++) {
      times[s] = startUs + s * SAMPLE_US;
      for (int c = 0; c < cells; c++) {
        values[s * cells + c] = (salt * 1_000 + s * 37 + c * 101) % 65_536;
      }
    }
    return new RawSampleBatch(tenant, "wearer-1", device, side, times, values, cells, TimeQuality.SYNCED);
  }

  static List<RawSample> expected(RawSampleBatch b) {
    List<RawSample> samples = new ArrayList<>();
    for (int s = 0; s < b.sampleCount(); s++) {
      int[] cells = new int[b.cellCount()];
      System.arraycopy(b.cellValues(), s * b.cellCount(), cells, 0, b.cellCount());
      samples.add(new RawSample(b.sampleTimesUtcUs()[s], b.wearer(), b.device(), b.side(), b.timeQuality(), cells));
    }
    return samples;
  }

  static TimeRange all() {
    return new TimeRange(T0 - 365 * DAY_US, T0 + 365 * DAY_US);
  }

  @Test
  void writesAndReadsRawSamplesCellByCell() throws Exception {
    RawSampleBatch first = batch(tenant, "dev-a", Side.L, T0, 25, 16, 1);
    RawSampleBatch second = batch(tenant, "dev-a", Side.L, T0 + 25 * SAMPLE_US, 25, 16, 2);
    await(store().writeRawSamples(first));
    await(store().writeRawSamples(second));

    List<RawSample> all = new ArrayList<>(expected(first));
    all.addAll(expected(second));
    assertThat(store().readRawSamples(tenant, "dev-a", all())).containsExactlyElementsOf(all);
  }

  @Test
  void rewritingTheSameRawSamplesLeavesThemOnceWithTheLastValues() throws Exception {
    RawSampleBatch original = batch(tenant, "dev-a", Side.R, T0, 25, 16, 1);
    RawSampleBatch replayed = batch(tenant, "dev-a", Side.R, T0, 25, 16, 1);
    RawSampleBatch corrected = batch(tenant, "dev-a", Side.R, T0, 25, 16, 9);
    await(store().writeRawSamples(original));
    await(store().writeRawSamples(replayed));
    assertThat(store().readRawSamples(tenant, "dev-a", all())).containsExactlyElementsOf(expected(original));

    await(store().writeRawSamples(corrected));
    assertThat(store().readRawSamples(tenant, "dev-a", all())).containsExactlyElementsOf(expected(corrected));
  }

  @Test
  void rawRangeIsHalfOpenAndExcludesSamplesOutside() throws Exception {
    RawSampleBatch b = batch(tenant, "dev-a", Side.L, T0, 25, 16, 3);
    await(store().writeRawSamples(b));

    List<RawSample> read = store().readRawSamples(tenant, "dev-a", new TimeRange(T0 + 5 * SAMPLE_US, T0 + 10 * SAMPLE_US));
    assertThat(read).containsExactlyElementsOf(expected(b).subList(5, 10));
  }

  @Test
  void aFrameThatStraddlesASecondReadsBackWholeAndByRangesOnEitherSide() throws Exception {
    RawSampleBatch b = batch(tenant, "dev-s", Side.L, T0 + 900_000L, 25, 16, 21); // 0.90 s .. 1.14 s
    await(store().writeRawSamples(b));

    assertThat(store().readRawSamples(tenant, "dev-s", all())).containsExactlyElementsOf(expected(b));
    assertThat(store().readRawSamples(tenant, "dev-s", new TimeRange(T0 + 950_000L, T0 + 1_050_000L)))
        .containsExactlyElementsOf(expected(b).subList(5, 15));
    assertThat(store().readRawSamples(tenant, "dev-s", new TimeRange(T0 + 1_100_000L, T0 + 2_000_000L)))
        .containsExactlyElementsOf(expected(b).subList(20, 25));
  }

  @Test
  void rawReadsSeeOnlyTheirTenantAndDevice() throws Exception {
    String otherTenant = tenant + "-other";
    RawSampleBatch a = batch(tenant, "dev-a", Side.L, T0, 25, 16, 4);
    RawSampleBatch b = batch(tenant, "dev-b", Side.R, T0, 25, 16, 5);
    RawSampleBatch sameDeviceOtherTenant = batch(otherTenant, "dev-a", Side.L, T0, 25, 16, 6);
    await(store().writeRawSamples(a));
    await(store().writeRawSamples(b));
    await(store().writeRawSamples(sameDeviceOtherTenant));

    assertThat(store().readRawSamples(tenant, "dev-a", all())).containsExactlyElementsOf(expected(a));
    assertThat(store().readRawSamples(tenant, "dev-b", all())).containsExactlyElementsOf(expected(b));
    assertThat(store().readRawSamples(otherTenant, "dev-a", all())).containsExactlyElementsOf(expected(sameDeviceOtherTenant));
    assertThat(store().readRawSamples(tenant, "dev-c", all())).isEmpty();
  }

  @Test
  void oneWriteOfManyDevicesBatchesStoresEachDeviceAndRewritesLeaveThemOnce() throws Exception {
    RawSampleBatch a1 = batch(tenant, "dev-a", Side.L, T0, 25, 16, 11);
    RawSampleBatch b1 = batch(tenant, "dev-b", Side.R, T0 + 3 * SAMPLE_US, 25, 16, 12);
    RawSampleBatch a2 = batch(tenant, "dev-a", Side.L, T0 + 25 * SAMPLE_US, 25, 16, 13);
    RawSampleBatch twenty = batch(tenant, "dev-20", Side.L, T0, 5, 20, 14);
    await(store().writeRawSamples(List.of(a1, b1, a2, twenty)));
    await(store().writeRawSamples(List.of(b1, a2)));

    List<RawSample> a = new ArrayList<>(expected(a1));
    a.addAll(expected(a2));
    assertThat(store().readRawSamples(tenant, "dev-a", all())).containsExactlyElementsOf(a);
    assertThat(store().readRawSamples(tenant, "dev-b", all())).containsExactlyElementsOf(expected(b1));
    assertThat(store().readRawSamples(tenant, "dev-20", all())).containsExactlyElementsOf(expected(twenty));
  }

  @Test
  void devicesWithFewerOrMoreCellsKeepTheirOwnCellCount() throws Exception {
    RawSampleBatch eight = batch(tenant, "dev-8", Side.L, T0, 10, 8, 7);
    RawSampleBatch twenty = batch(tenant, "dev-20", Side.R, T0, 10, 20, 8);
    await(store().writeRawSamples(eight));
    await(store().writeRawSamples(twenty));

    assertThat(store().readRawSamples(tenant, "dev-8", all())).containsExactlyElementsOf(expected(eight));
    assertThat(store().readRawSamples(tenant, "dev-20", all())).containsExactlyElementsOf(expected(twenty));
  }

  static StrideRow stride(String tenant, String device, Side side, long icUs, double strideTimeS) {
    StrideMetrics metrics = StrideMetrics.builder().put(StrideMetric.STRIDE_TIME_S, strideTimeS)
        .put(StrideMetric.STANCE_PCT, 61.5).put(StrideMetric.PEAK_FORCE_HEEL_N, 712.25)
        .put(StrideMetric.LOAD_SHARE_FOREFOOT, 0.42).build();
    long stride = (long) (strideTimeS * 1e6);
    return new StrideRow(tenant, "wearer-1", device, side, icUs, icUs + stride * 6 / 10, icUs + stride, metrics);
  }

  @Test
  void stridesRoundTripWithAbsentMetricsLeftAbsentAndRewritesLeaveThemOnce() throws Exception {
    StrideRow left = stride(tenant, "dev-l", Side.L, T0, 1.1);
    StrideRow right = stride(tenant, "dev-r", Side.R, T0 + 550_000, 1.12);
    StrideRow outside = stride(tenant, "dev-l", Side.L, T0 + 2 * DAY_US, 1.3);
    await(store().writeStrides(List.of(left, right, outside)));
    await(store().writeStrides(List.of(left, right)));

    List<StrideRow> read = store().readStrides(tenant, "wearer-1", new TimeRange(T0, T0 + DAY_US));
    assertThat(read).containsExactly(left, right);
    assertThat(read.get(0).metrics().has(StrideMetric.SWING_TIME_S)).isFalse();
    assertThat(store().readStrides(tenant, "wearer-2", all())).isEmpty();
  }

  @Test
  void windowAndBoutSummariesRoundTripAndRewritesLeaveThemOnce() throws Exception {
    WindowSummaryRow window = new WindowSummaryRow(tenant, "wearer-1", SummaryKind.WINDOW, T0, T0 + 60_000_000L, 104,
        104.0, 0.49, 0.51, 2.5, 1.75, 4.0, 3.2);
    WindowSummaryRow bout = new WindowSummaryRow(tenant, "wearer-1", SummaryKind.BOUT, T0, T0 + 95_000_000L, 160,
        101.5, 0.5, 0.5, Double.NaN, 1.0, Double.NaN, 2.9);
    WindowSummaryRow later = new WindowSummaryRow(tenant, "wearer-1", SummaryKind.WINDOW, T0 + 60_000_000L,
        T0 + 120_000_000L, 98, 98.0, 0.48, 0.52, 3.0, 2.0, 5.0, 3.5);
    await(store().writeWindowSummaries(List.of(window, bout, later)));
    await(store().writeWindowSummaries(List.of(window, bout)));

    assertThat(store().readWindowSummaries(tenant, "wearer-1", new TimeRange(T0, T0 + 60_000_000L)))
        .containsExactly(bout, window);
    assertThat(store().readWindowSummaries(tenant, "wearer-1", all())).hasSize(3);
  }

  @Test
  void balanceRowsRoundTripAndRewritesLeaveThemOnce() throws Exception {
    BalanceRow first = new BalanceRow(tenant, "wearer-1", T0, T0 + 30_000_000L, 412.5, 180.25, 21.5, 33.0, 13.75, 0.47);
    BalanceRow second = new BalanceRow(tenant, "wearer-1", T0 + DAY_US, T0 + DAY_US + 30_000_000L, 390.0, Double.NaN,
        19.0, 30.5, 13.0, 0.5);
    await(store().writeBalance(List.of(first, second)));
    await(store().writeBalance(List.of(first, second)));

    assertThat(store().readBalance(tenant, "wearer-1", all())).containsExactly(first, second);
    assertThat(store().readBalance(tenant, "wearer-1", new TimeRange(T0 + 1, T0 + 2 * DAY_US))).containsExactly(second);
  }

  @Test
  void alertsRoundTripWithAndWithoutDeviceAndRewritesLeaveThemOnce() throws Exception {
    AlertEvent wearerAlert = new AlertEvent(tenant, "wearer-1", Optional.empty(), T0, "asymmetry_high",
        AlertSeverity.WARNING, 14.5, 10.0, "Step time asymmetry 14.5 % (limit 10 %)");
    AlertEvent deviceAlert = new AlertEvent(tenant, "wearer-1", Optional.of("dev-l"), T0, "overload_forefoot",
        AlertSeverity.CRITICAL, 420.0, 350.0, "Forefoot peak pressure 420 kPa, \"quoted\", commas, = signs");
    await(store().writeAlerts(List.of(wearerAlert, deviceAlert)));
    await(store().writeAlerts(List.of(deviceAlert)));

    assertThat(store().readAlerts(tenant, "wearer-1", all())).containsExactly(wearerAlert, deviceAlert);
    assertThat(store().readAlerts(tenant, "wearer-1", new TimeRange(T0 + 1, T0 + DAY_US))).isEmpty();
  }

  @Test
  void strideTrendPerDayAndWeekMatchesCountMeanAndSdComputedHere() throws Exception {
    Random random = new Random(42);
    List<StrideRow> rows = new ArrayList<>();
    Map<String, List<Double>> byDay = new TreeMap<>();
    Map<String, List<Double>> byWeek = new TreeMap<>();
    // 16 days from Monday T0 (3 calendar weeks), strides at irregular times, both feet.
    for (int day = 0; day < 16; day++) {
      int strides = 1 + random.nextInt(12);
      for (int i = 0; i < strides; i++) {
        Side side = random.nextBoolean() ? Side.L : Side.R;
        long ic = T0 + day * DAY_US + (long) (random.nextDouble() * (DAY_US - 5_000_000L));
        double strideTime = 0.9 + random.nextDouble() * 0.5;
        rows.add(stride(tenant, side == Side.L ? "dev-l" : "dev-r", side, ic, strideTime));
        byDay.computeIfAbsent(TrendBucket.DAY.floor(ic) + " " + side, k -> new ArrayList<>()).add(strideTime);
        byWeek.computeIfAbsent(TrendBucket.WEEK.floor(ic) + " " + side, k -> new ArrayList<>()).add(strideTime);
      }
    }
    // A stride without the metric counts in no bucket.
    rows.add(new StrideRow(tenant, "wearer-1", "dev-l", Side.L, T0 + 3_600_000_000L, T0 + 3_600_600_000L,
        T0 + 3_601_000_000L, StrideMetrics.builder().put(StrideMetric.STANCE_PCT, 60).build()));
    await(store().writeStrides(rows));

    TimeRange range = new TimeRange(T0, T0 + 21 * DAY_US);
    assertTrend(store().readStrideTrend(tenant, "wearer-1", StrideMetric.STRIDE_TIME_S, TrendBucket.DAY, range), byDay);
    assertTrend(store().readStrideTrend(tenant, "wearer-1", StrideMetric.STRIDE_TIME_S, TrendBucket.WEEK, range), byWeek);
    assertThat(byWeek).hasSize(6);
  }

  private static void assertTrend(List<TrendPoint> actual, Map<String, List<Double>> expected) {
    assertThat(actual).extracting(p -> p.bucketStartUtcUs() + " " + p.side())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (TrendPoint p : actual) {
      List<Double> values = expected.get(p.bucketStartUtcUs() + " " + p.side());
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      assertThat(p.count()).as("count %s", p).isEqualTo(values.size());
      assertThat(p.mean()).as("mean %s", p).isCloseTo(mean, within(1e-9));
      if (values.size() < 2) {
        assertThat(p.standardDeviation()).as("sd %s", p).isNaN();
      } else {
        assertThat(p.standardDeviation()).as("sd %s", p)
            .isCloseTo(Math.sqrt(squares / (values.size() - 1)), within(1e-9));
      }
    }
    assertThat(actual).isSortedAccordingTo(java.util.Comparator.comparingLong(TrendPoint::bucketStartUtcUs)
        .thenComparing(TrendPoint::side));
  }

  @Test
  void flushCompletesAfterEverythingSubmittedBefore() throws Exception {
    List<CompletionStage<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writes.add(store().writeRawSamples(batch(tenant, "dev-f", Side.L, T0 + i * 25 * SAMPLE_US, 25, 16, i)));
    }
    await(store().flush());

    assertThat(writes).allSatisfy(w -> assertThat(w.toCompletableFuture()).isCompletedWithValue(null));
    assertThat(store().readRawSamples(tenant, "dev-f", all())).hasSize(500);
    assertThat(store().stats().rowsCommitted()).isGreaterThanOrEqualTo(500);
  }
}
