package com.plantar.gateway.cli.analyze;

import com.plantar.gait.ForceProfile;
import com.plantar.gait.PressureProfile;
import com.plantar.gait.Stride;
import com.plantar.gait.StrideTiming;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code NAME.strides.csv}: one row per stride, times in seconds from the start of the
 * recording. The first four columns are fixed ({@code foot,ic_s,to_s,next_ic_s}); unknown values
 * (NaN, or no cell layout) are empty fields. Forces are in the recording's force unit.
 */
public final class StrideCsvWriter {

  public static final String HEADER = String.join(",",
      "foot", "ic_s", "to_s", "next_ic_s", "stride_s", "stance_s", "swing_s", "stance_pct",
      "swing_pct", "initial_double_support_s", "terminal_double_support_s", "double_support_s",
      "double_support_pct", "single_support_s", "step_time_s",
      "first_peak_force", "first_peak_pct_stance", "second_peak_force", "second_peak_pct_stance",
      "valley_force", "valley_pct_stance", "max_force", "mean_force", "loading_rate_force_per_s",
      "loading_rate_force_per_s_per_kg", "impulse_force_s",
      "cop_start_x_mm", "cop_start_y_mm", "cop_end_x_mm", "cop_end_y_mm", "gait_line_length_mm",
      "gait_line_width_mm", "ml_excursion_mm", "cpei_pct", "heel_share_pct", "midfoot_share_pct",
      "forefoot_share_pct", "toes_share_pct", "medial_share_pct", "lateral_share_pct",
      "heel_peak_kpa", "midfoot_peak_kpa", "forefoot_peak_kpa", "toes_peak_kpa",
      "arch_index_pct", "turn_suspected");

  private StrideCsvWriter() {}

  public static void write(List<Stride> strides, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    StringBuilder row = new StringBuilder(512);
    for (Stride s : strides) {
      row.setLength(0);
      row.append(s.foot().letter());
      seconds(row, s.initialContactMicros());
      seconds(row, s.toeOffMicros());
      seconds(row, s.nextInitialContactMicros());
      StrideTiming t = s.timing();
      values(row, t.strideS(), t.stanceS(), t.swingS(), t.stancePct(), t.swingPct(),
          t.initialDoubleSupportS(), t.terminalDoubleSupportS(), t.doubleSupportS(),
          t.doubleSupportPct(), t.singleSupportS(), t.stepTimeS());
      ForceProfile f = s.force();
      values(row, f.firstPeak(), f.firstPeakPctStance(), f.secondPeak(), f.secondPeakPctStance(),
          f.valley(), f.valleyPctStance(), f.maxForce(), f.meanForce(), f.loadingRatePerS(),
          f.loadingRatePerSPerKg(), f.impulse());
      PressureProfile p = s.pressure();
      if (p == null) {
        row.append(",".repeat(19));
      } else {
        values(row, p.startXMm(), p.startYMm(), p.endXMm(), p.endYMm(), p.lengthMm(),
            p.widthMm(), p.mlExcursionMm(), p.cpeiPct(), 100 * p.heelShare(),
            100 * p.midfootShare(), 100 * p.forefootShare(), 100 * p.toesShare(),
            100 * p.medialShare(), 100 * p.lateralShare(), p.heelPeakKpa(), p.midfootPeakKpa(),
            p.forefootPeakKpa(), p.toesPeakKpa(), p.archIndexPct());
      }
      row.append(',').append(s.turnSuspected());
      row.append('\n');
      out.append(row);
    }
  }

  private static void seconds(StringBuilder row, long micros) {
    row.append(',').append(String.format(Locale.ROOT, "%.6f", micros / 1e6));
  }

  private static void values(StringBuilder row, double... values) {
    for (double v : values) {
      row.append(',');
      if (Double.isFinite(v)) {
        row.append(String.format(Locale.ROOT, "%.6g", v));
      }
    }
  }
}
