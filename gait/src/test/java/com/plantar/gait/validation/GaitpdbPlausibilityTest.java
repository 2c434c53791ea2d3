package com.plantar.gait.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.Stride;
import com.plantar.gait.recording.GaitpdbReader;
import com.plantar.gait.recording.Recording;
import com.plantar.gait.recording.RecordingReplay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plausibility on the 8 gaitpdb walks (no reference table exists): the centre of pressure rolls
 * from heel to toe in every stance, left and right load shares sum to 100 %, and the controls'
 * stride-time variability is lower than the Parkinson's patients'. Prints a table.
 */
class GaitpdbPlausibilityTest {

  record Walk(String name, List<Stride> strides, List<GaitSummary> bouts, GaitSummary all) {
    boolean control() {
      return name.substring(2, 4).equals("Co");
    }
  }

  private static final Map<String, Walk> walks = new LinkedHashMap<>();

  @BeforeAll
  static void runAllWalks() throws Exception {
    Path dir = SharedData.dir("gaitpdb");
    for (String name : SharedData.names(dir, ".txt")) {
      if (!name.matches("[A-Z][a-z](Co|Pt)\\d+_\\d+")) {
        continue;
      }
      Recording rec = GaitpdbReader.read(dir.resolve(name + ".txt"));
      List<Stride> strides = new ArrayList<>();
      List<GaitSummary> bouts = new ArrayList<>();
      GaitEngine engine = new GaitEngine(GaitConfig.defaults(), rec.left().layout(),
          rec.right().layout(), new GaitListener() {
            @Override
            public void onStride(Stride stride) {
              strides.add(stride);
            }

            @Override
            public void onWalkingBout(GaitSummary bout) {
              bouts.add(bout);
            }
          });
      RecordingReplay.feed(rec, engine);
      GaitSummary all = bouts.stream().max(java.util.Comparator.comparingInt(
          b -> b.leftStrides() + b.rightStrides())).orElse(null);
      walks.put(name, new Walk(name, strides, bouts, all));
    }
    System.out.println();
    System.out.println("gaitpdb plausibility (longest walking bout)");
    System.out.println("| walk | group | strides | cadence (steps/min) | stride CV % | left load % "
        + "| stances heel→toe | turns flagged |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Walk w : walks.values()) {
      System.out.printf("| %s | %s | %d | %.1f | %.2f | %.1f | %d / %d | %d |%n", w.name(),
          w.control() ? "control" : "Parkinson's", w.strides().size(),
          w.all().cadenceStepsPerMin(), w.all().variability().cvPct(),
          w.all().leftLoadSharePct(), heelToToe(w), withCop(w),
          w.strides().stream().filter(Stride::turnSuspected).count());
    }
    System.out.println();
  }

  private static long withCop(Walk w) {
    return w.strides().stream().filter(s -> s.pressure() != null).count();
  }

  private static long heelToToe(Walk w) {
    return w.strides().stream().filter(s -> s.pressure() != null)
        .filter(s -> s.pressure().endYMm() > s.pressure().startYMm()).count();
  }

  @Test
  void allEightWalksAreAnalysed() {
    assertThat(walks).hasSize(8);
    assertThat(walks.values()).allSatisfy(w -> assertThat(w.strides()).hasSizeGreaterThan(50));
  }

  @Test
  void everyStanceRollsFromHeelToToeExceptTheFewFlaggedAsTurns() {
    // The walks include turns, where a foot pivots and the CoP does not roll forward: the engine
    // flags those (turnSuspected) and leaves them out of variability. Everything else must roll.
    for (Walk w : walks.values()) {
      assertThat(withCop(w)).as(w.name()).isEqualTo(w.strides().size());
      for (Stride s : w.strides()) {
        if (!s.turnSuspected()) {
          assertThat(s.pressure().endYMm()).as(w.name()).isGreaterThan(s.pressure().startYMm());
        }
      }
      long turns = w.strides().stream().filter(Stride::turnSuspected).count();
      assertThat(turns).as(w.name() + " turns").isLessThanOrEqualTo(w.strides().size() / 20);
    }
  }

  @Test
  void leftAndRightLoadSharesSumToOneHundredPercent() {
    for (Walk w : walks.values()) {
      assertThat(w.all().leftLoadSharePct()).as(w.name()).isBetween(20.0, 80.0);
      assertThat(w.all().leftLoadSharePct() + w.all().rightLoadSharePct()).isEqualTo(100.0);
      for (Stride s : w.strides()) {
        double regions = s.pressure().heelShare() + s.pressure().midfootShare()
            + s.pressure().forefootShare() + s.pressure().toesShare();
        assertThat(regions).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.pressure().medialShare() + s.pressure().lateralShare())
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void controlsVaryLessThanParkinsonsPatients() {
    double worstControl = walks.values().stream().filter(Walk::control)
        .mapToDouble(w -> w.all().variability().cvPct()).max().orElseThrow();
    double meanControl = walks.values().stream().filter(Walk::control)
        .mapToDouble(w -> w.all().variability().cvPct()).average().orElseThrow();
    double meanPatient = walks.values().stream().filter(w -> !w.control())
        .mapToDouble(w -> w.all().variability().cvPct()).average().orElseThrow();
    System.out.printf("stride-time CV: controls %.2f %% (worst %.2f %%), Parkinson's %.2f %%%n",
        meanControl, worstControl, meanPatient);
    assertThat(meanControl).as("mean control CV vs mean patient CV").isLessThan(meanPatient);
  }
}
