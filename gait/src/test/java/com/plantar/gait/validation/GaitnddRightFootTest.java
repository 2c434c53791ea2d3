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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the gaitndd double-support error comes from. The authors' double support is the left
 * stance minus the right swing inside it, so its error is our left stance error minus our right
 * swing error. Their table has no right-foot times, but each row carries the right stride, stance
 * and swing of the right stride that starts before the left contact and lifts off after it (the
 * one whose swing lies inside the left stance): that stride of ours is compared here. Right stance
 * error = right toe-off error - right contact error; the right stride error shows the contacts'
 * spread. Rows whose double support exceeds their own left stance (see {@link
 * GaitnddReference.Row#doubleSupportWithinStance()}) are left out. Prints the table; the engine
 * runs with default settings.
 */
class GaitnddRightFootTest {

  private static final long MATCH_MICROS = 150_000;
  private static final List<RecordResult> results = new ArrayList<>();

  record RecordResult(String name, int compared, double rightStrideP95Ms,
      double rightStanceMedianMs, double rightStanceMaeMs, double rightSwingMaeMs,
      double leftStanceMaeMs, double doubleSupportMaeMs) {}

  @BeforeAll
  static void runAllRecords() throws RecordingException {
    Path dir = SharedData.dir("gaitndd");
    for (String name : SharedData.names(dir, ".ts")) {
      results.add(evaluate(dir.resolve(name), name));
    }
    System.out.println();
    System.out.println("gaitndd right foot and double support (errors in ms, ours - the authors'; "
        + "MAE = mean absolute error)");
    System.out.println("| record | rows | right stride err p95 | right stance err median "
        + "| right stance MAE | right swing MAE | left stance MAE | double support MAE |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (RecordResult r : results) {
      System.out.printf("| %s | %d | %.1f | %+.1f | %.1f | %.1f | %.1f | %.1f |%n", r.name(),
          r.compared(), r.rightStrideP95Ms(), r.rightStanceMedianMs(), r.rightStanceMaeMs(),
          r.rightSwingMaeMs(), r.leftStanceMaeMs(), r.doubleSupportMaeMs());
    }
    System.out.printf("| **mean of %d records** | | | | %.1f | %.1f | %.1f | %.1f |%n",
        results.size(), meanOf(RecordResult::rightStanceMaeMs),
        meanOf(RecordResult::rightSwingMaeMs), meanOf(RecordResult::leftStanceMaeMs),
        meanOf(RecordResult::doubleSupportMaeMs));
    System.out.printf("Records with right stance MAE <= 10 ms: %d of %d%n",
        rightStanceOnTarget(), results.size());
    System.out.println();
  }

  private static RecordResult evaluate(Path record, String name) throws RecordingException {
    List<GaitnddReference.Row> reference = GaitnddReference.read(record);
    List<Stride> left = new ArrayList<>();
    List<Stride> right = new ArrayList<>();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), null, null, new GaitListener() {
      @Override
      public void onStride(Stride stride) {
        (stride.foot() == FootSide.LEFT ? left : right).add(stride);
      }
    });
    RecordingReplay.feed(GaitnddReader.read(record), engine);
    List<Double> rightStride = new ArrayList<>();
    List<Double> rightStance = new ArrayList<>();
    List<Double> rightSwing = new ArrayList<>();
    List<Double> leftStance = new ArrayList<>();
    List<Double> doubleSupport = new ArrayList<>();
    for (int q = 1; q < reference.size(); q++) {
      GaitnddReference.Row row = reference.get(q);
      long from = micros(reference.get(q - 1).leftInitialContactS());
      long to = micros(row.leftInitialContactS());
      Stride l = left.stream()
          .filter(s -> Math.abs(s.initialContactMicros() - from) <= MATCH_MICROS
              && Math.abs(s.nextInitialContactMicros() - to) <= MATCH_MICROS)
          .findFirst().orElse(null);
      if (l == null) {
        continue;
      }
      // The right stride in progress at the left contact whose swing ends inside the left stance
      // (one edge window of slack either side, as the events themselves may be off).
      Stride r = right.stream()
          .filter(s -> s.initialContactMicros() < l.initialContactMicros()
              && s.toeOffMicros() > l.initialContactMicros() - 50_000
              && s.nextInitialContactMicros() < l.toeOffMicros() + 50_000)
          .reduce((a, b) -> b).orElse(null);
      if (r == null || !row.doubleSupportWithinStance() || Double.isNaN(l.timing().doubleSupportS())
          || Math.abs(r.timing().strideS() - row.rightStrideS()) * 1e6 > MATCH_MICROS) {
        continue; // no right stride, or not the authors' one (a missed or extra right contact)
      }
      rightStride.add(Math.abs(r.timing().strideS() - row.rightStrideS()) * 1000);
      rightStance.add((r.timing().stanceS() - row.rightStanceS()) * 1000);
      rightSwing.add((r.timing().swingS() - row.rightSwingS()) * 1000);
      leftStance.add((l.timing().stanceS() - row.leftStanceS()) * 1000);
      doubleSupport.add((l.timing().doubleSupportS() - row.doubleSupportS()) * 1000);
    }
    return new RecordResult(name, rightStance.size(), Stats.percentile(rightStride, 95),
        Stats.median(rightStance), Stats.meanAbs(rightStance), Stats.meanAbs(rightSwing),
        Stats.meanAbs(leftStance), Stats.meanAbs(doubleSupport));
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }

  private static double meanOf(java.util.function.ToDoubleFunction<RecordResult> f) {
    return results.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average()
        .orElse(Double.NaN);
  }

  private static long rightStanceOnTarget() {
    return results.stream().filter(r -> r.rightStanceMaeMs() <= 10).count();
  }

  @Test
  void everyRecordHasRightStridesToCompare() {
    assertThat(results).hasSizeGreaterThanOrEqualTo(30);
    assertThat(results).allSatisfy(r -> assertThat(r.compared()).as(r.name()).isPositive());
  }

  @Test
  void rightStanceErrorsStayAtTheMeasuredLevel() {
    // No issue target for the right foot itself; it is most of the double-support error (see
    // METRICS.md). Guards the measured level so that a change to toe-off timing that helps the
    // left foot at the right foot's expense fails.
    assertThat(rightStanceOnTarget()).isGreaterThanOrEqualTo(RIGHT_STANCE_RECORDS_ON_TARGET);
    assertThat(meanOf(RecordResult::rightStanceMaeMs)).isLessThanOrEqualTo(RIGHT_STANCE_MAE_GUARD_MS);
  }

  // Measured (METRICS.md: 20 of 33 records, mean 11.6 ms) plus a little room.
  private static final int RIGHT_STANCE_RECORDS_ON_TARGET = 20;
  private static final double RIGHT_STANCE_MAE_GUARD_MS = 12.0;
}
