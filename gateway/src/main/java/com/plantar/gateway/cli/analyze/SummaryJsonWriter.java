package com.plantar.gateway.cli.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.plantar.gait.Alert;
import com.plantar.gait.EngineCounters;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Sway;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes {@code NAME.summary.json}: the whole-recording summary, walking bouts, rolling windows,
 * standing periods and alerts. Times in seconds from the start of the recording, units in the
 * field names, unknown values as null. Cadence is in steps per minute (Moticon reports strides per
 * minute: half of it).
 */
public final class SummaryJsonWriter {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJsonWriter() {}

  public static void write(RecordingAnalysis a, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("recording", a.recording().name());
    root.put("format", a.recording().format().name().toLowerCase(java.util.Locale.ROOT));
    root.put("force_unit", a.recording().forceUnit());
    number(root, "duration_s", a.recording().durationMicros() / 1e6);
    number(root, "weight_kg", a.weightKg());
    root.put("strides", a.strides().size());
    root.set("overall", summary(a.overall()));
    ArrayNode bouts = root.putArray("walking_bouts");
    a.bouts().forEach(b -> bouts.add(summary(b)));
    ArrayNode windows = root.putArray("windows");
    a.windows().forEach(w -> windows.add(summary(w)));
    ArrayNode standing = root.putArray("standing_balance");
    a.standing().forEach(s -> standing.add(standing(s)));
    ArrayNode alerts = root.putArray("alerts");
    a.alerts().forEach(al -> alerts.add(alert(al)));
    root.set("counters", counters(a.counters()));
    MAPPER.writeValue(out, root);
  }

  private static ObjectNode summary(GaitSummary s) {
    ObjectNode n = MAPPER.createObjectNode();
    number(n, "start_s", s.startMicros() / 1e6);
    number(n, "end_s", s.endMicros() / 1e6);
    n.put("steps", s.steps());
    n.put("left_strides", s.leftStrides());
    n.put("right_strides", s.rightStrides());
    number(n, "cadence_steps_per_min", s.cadenceStepsPerMin());
    number(n, "left_load_share_pct", s.leftLoadSharePct());
    number(n, "right_load_share_pct", s.rightLoadSharePct());
    ObjectNode si = n.putObject("symmetry_index_pct");
    number(si, "stance", s.symmetry().stancePct());
    number(si, "swing", s.symmetry().swingPct());
    number(si, "step_time", s.symmetry().stepTimePct());
    number(si, "load", s.symmetry().loadPct());
    number(si, "peak_force", s.symmetry().peakForcePct());
    ObjectNode v = n.putObject("stride_time_variability");
    v.put("strides_used", s.variability().strides());
    v.put("strides_excluded", s.variability().excluded());
    number(v, "mean_s", s.variability().meanS());
    number(v, "sd_s", s.variability().sdS());
    number(v, "cv_pct", s.variability().cvPct());
    return n;
  }

  private static ObjectNode standing(StandingBalance b) {
    ObjectNode n = MAPPER.createObjectNode();
    number(n, "start_s", b.startMicros() / 1e6);
    number(n, "end_s", b.endMicros() / 1e6);
    number(n, "left_weight_share_pct", b.leftWeightSharePct());
    number(n, "right_weight_share_pct", 100 - b.leftWeightSharePct());
    sway(n, "left_sway", b.leftSway());
    sway(n, "right_sway", b.rightSway());
    return n;
  }

  private static void sway(ObjectNode parent, String name, Sway s) {
    if (s == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode n = parent.putObject(name);
    number(n, "path_length_mm", s.pathLengthMm());
    number(n, "mean_velocity_mm_per_s", s.meanVelocityMmPerS());
    number(n, "ellipse_area_95_mm2", s.ellipseArea95Mm2());
  }

  private static ObjectNode alert(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
    if (a.foot() == null) {
      n.putNull("foot");
    } else {
      n.put("foot", a.foot().letter());
    }
    if (a.cell() >= 0) {
      n.put("cell", a.cell());
    }
    number(n, "at_s", a.atMicros() / 1e6);
    number(n, "value", a.value());
    number(n, "threshold", a.threshold());
    return n;
  }

  private static ObjectNode counters(EngineCounters c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("accepted_samples", c.acceptedSamples());
    n.put("rejected_samples", c.rejectedSamples());
    n.put("out_of_order_samples", c.outOfOrderSamples());
    n.put("gaps", c.gaps());
    return n;
  }

  private static void number(ObjectNode n, String name, double value) {
    if (Double.isFinite(value)) {
      n.put(name, value);
    } else {
      n.putNull(name);
    }
  }
}
