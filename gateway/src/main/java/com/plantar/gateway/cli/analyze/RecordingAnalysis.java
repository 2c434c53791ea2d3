package com.plantar.gateway.cli.analyze;

import com.plantar.gait.Alert;
import com.plantar.gait.EngineCounters;
import com.plantar.gait.FootLayout;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitEvent;
import com.plantar.gait.GaitListener;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gait.recording.Recording;
import com.plantar.gait.recording.RecordingReplay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the gait engine reports for one recording, replayed through the same engine the live
 * pipeline uses.
 */
public record RecordingAnalysis(
    Recording recording,
    double weightKg,
    List<Stride> strides,
    List<GaitSummary> windows,
    List<GaitSummary> bouts,
    List<StandingBalance> standing,
    List<Alert> alerts,
    GaitSummary overall,
    EngineCounters counters) {

  /** Runs the engine over a whole recording. */
  public static RecordingAnalysis of(Recording recording, GaitConfig config) {
    Collector c = new Collector();
    GaitEngine engine = new GaitEngine(config, layout(recording.left()),
        layout(recording.right()), c);
    RecordingReplay.feed(recording, engine);
    c.strides.sort(Comparator.comparingLong(Stride::initialContactMicros));
    GaitSummary overall = GaitSummary.of(0, recording.durationMicros(), c.steps, c.strides);
    return new RecordingAnalysis(recording, config.weightKg(), List.copyOf(c.strides),
        List.copyOf(c.windows), List.copyOf(c.bouts), List.copyOf(c.standing),
        List.copyOf(c.alerts), overall, engine.counters());
  }

  private static FootLayout layout(com.plantar.gait.recording.FootRecording foot) {
    return foot == null ? null : foot.layout();
  }

  private static final class Collector implements GaitListener {
    final List<Stride> strides = new ArrayList<>();
    final List<GaitSummary> windows = new ArrayList<>();
    final List<GaitSummary> bouts = new ArrayList<>();
    final List<StandingBalance> standing = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    int steps;

    @Override
    public void onGaitEvent(GaitEvent event) {
      if (event.kind() == GaitEvent.Kind.INITIAL_CONTACT) {
        steps++;
      }
    }

    @Override
    public void onStride(Stride stride) {
      strides.add(stride);
    }

    @Override
    public void onWindow(GaitSummary window) {
      windows.add(window);
    }

    @Override
    public void onWalkingBout(GaitSummary bout) {
      bouts.add(bout);
    }

    @Override
    public void onStandingBalance(StandingBalance balance) {
      standing.add(balance);
    }

    @Override
    public void onAlert(Alert alert) {
      alerts.add(alert);
    }
  }
}
