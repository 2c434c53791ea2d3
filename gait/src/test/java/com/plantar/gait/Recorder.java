package com.plantar.gait;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything it hears, for tests. */
final class Recorder implements GaitListener {
  final List<Stride> strides = new ArrayList<>();
  final List<GaitEvent> events = new ArrayList<>();
  final List<GaitSummary> windows = new ArrayList<>();
  final List<GaitSummary> bouts = new ArrayList<>();
  final List<StandingBalance> standing = new ArrayList<>();
  final List<Alert> alerts = new ArrayList<>();

  @Override
  public void onGaitEvent(GaitEvent event) {
    events.add(event);
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

  List<Stride> strides(FootSide foot) {
    return strides.stream().filter(s -> s.foot() == foot).toList();
  }
}
