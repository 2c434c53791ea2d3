package com.plantar.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.Stride;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.LutCalibration;
import com.plantar.simulator.device.VirtualInsole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gait engine, fed what the insoles would send (raw ADC turned back into kPa with the HELLO
 * calibration, cells placed as HELLO announces them), recovers the configured cadence, stance and
 * load shares.
 */
class GaitEngineRecoveryTest {
  private static final int RATE_HZ = 100;
  private static final double LENGTH_MM = 265;
  private static final double WIDTH_MM = 96;

  private static FootLayout footLayout(SensorLayout layout) {
    List<FootLayout.Cell> cells = new ArrayList<>();
    for (Cell cell : layout.cells()) {
      cells.add(new FootLayout.Cell(cell.x() * WIDTH_MM, cell.y() * LENGTH_MM, cell.areaMm2()));
    }
    return new FootLayout(cells, CellUnit.KILOPASCAL);
  }

  @ParameterizedTest
  @CsvSource({"110, 0.62, 0.50, moticon16", "95, 0.66, 0.56, moticon16", "125, 0.60, 0.45, gaitpdb8"})
  void gaitEngineRecoversConfiguredCadenceStanceAndLoadShares(double cadence, double stance,
      double leftShare, String layoutName) {
    GaitParameters params = GaitParameters.typical().withCadence(cadence).withStanceFraction(stance)
        .withLeftLoadShare(leftShare).withStrideVariability(0.02);
    WearerGait gait = new WearerGait(params, StanceProfiles.load(layoutName), 17);
    VirtualInsole left = new VirtualInsole(InsoleConfig.typical(1, Side.LEFT, 1), gait);
    VirtualInsole right = new VirtualInsole(InsoleConfig.typical(2, Side.RIGHT, 2), gait);
    FootLayout layout = footLayout(gait.layout());
    List<Stride> strides = new ArrayList<>();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults().withWeightKg(params.bodyWeightKg()),
        layout, layout, new GaitListener() {
          @Override
          public void onStride(Stride stride) {
            strides.add(stride);
          }
        });
    int cells = gait.layout().cellCount();
    int[] adc = new int[cells];
    float[] kpa = new float[cells];
    int seconds = 120;
    for (int i = 0; i < seconds * RATE_HZ; i++) {
      long t = i * 1_000_000L / RATE_HZ;
      feed(engine, FootSide.LEFT, left, t, adc, kpa);
      feed(engine, FootSide.RIGHT, right, t, adc, kpa);
    }
    engine.finish();

    GaitSummary summary = GaitSummary.of(0, seconds * 1_000_000L, countSteps(strides), strides);
    double stancePct = strides.stream().mapToDouble(s -> s.timing().stancePct()).average().orElseThrow();
    assertThat(strides.size()).as("strides found").isGreaterThan((int) (seconds * cadence / 60 * 0.9));
    assertThat(summary.cadenceStepsPerMin()).as("cadence").isCloseTo(cadence, within(cadence * 0.03));
    assertThat(stancePct).as("stance %").isCloseTo(stance * 100, within(3.0));
    assertThat(summary.leftLoadSharePct()).as("left load share %").isCloseTo(leftShare * 100, within(2.0));
  }

  private static int countSteps(List<Stride> strides) {
    return strides.size();
  }

  private static void feed(GaitEngine engine, FootSide foot, VirtualInsole insole, long t, int[] adc,
      float[] kpa) {
    insole.sample(t, adc, 0);
    LutCalibration calibration = insole.calibration();
    for (int c = 0; c < adc.length; c++) {
      kpa[c] = (float) calibration.toKpa(adc[c]);
    }
    engine.acceptCells(foot, t, kpa, false);
  }
}
