package com.plantar.gait.internal;

import com.plantar.gait.Alert;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitListener;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.Stride;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling windows, walking bouts and the sustained-asymmetry alert, from completed strides and
 * steps. A window [start, start + length) is closed one settle delay after its end, so strides
 * that end inside it (emitted a little later) are counted in it.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe. Allocates per stride and per
 * window, never per sample.
 */
final class GaitStatistics {

  private static final int MIN_STRIDES_PER_FOOT_FOR_ALERT = 3;

  private final GaitConfig config;
  private final GaitListener listener;
  private final long settleMicros;
  private final ArrayDeque<Stride> windowStrides = new ArrayDeque<>();
  private final ArrayDeque<Long> windowSteps = new ArrayDeque<>();
  private long windowStart = Long.MIN_VALUE;

  private final List<Stride> boutStrides = new ArrayList<>();
  private long boutStart = Long.MIN_VALUE;
  private long boutLastStep;
  private int boutSteps;

  private int asymmetricWindows;

  GaitStatistics(GaitConfig config, GaitListener listener, long settleMicros) {
    this.config = config;
    this.listener = listener;
    this.settleMicros = settleMicros;
  }

  void onStep(long micros) {
    if (boutStart != Long.MIN_VALUE && micros - boutLastStep > config.boutEndMicros()) {
      closeBout();
    }
    if (boutStart == Long.MIN_VALUE) {
      boutStart = micros;
      boutSteps = 0;
    }
    boutLastStep = micros;
    boutSteps++;
    windowSteps.addLast(micros);
  }

  void onStride(Stride stride) {
    windowStrides.addLast(stride);
    if (boutStart != Long.MIN_VALUE && stride.initialContactMicros() >= boutStart) {
      boutStrides.add(stride);
    }
  }

  /** Called with every sample time: closes windows and bouts that are over. */
  void tick(long nowMicros) {
    if (windowStart == Long.MIN_VALUE) {
      windowStart = nowMicros;
    }
    while (nowMicros >= windowStart + config.windowMicros() + settleMicros) {
      closeWindow();
    }
    if (boutStart != Long.MIN_VALUE
        && nowMicros - boutLastStep > config.boutEndMicros() + settleMicros) {
      closeBout();
    }
  }

  /** End of input: closes the open window (if anything happened in it) and the open bout. */
  void finish(long lastMicros) {
    if (windowStart != Long.MIN_VALUE && (!windowStrides.isEmpty() || !windowSteps.isEmpty())) {
      emitWindow(windowStart, Math.max(lastMicros, windowStart), Long.MAX_VALUE);
    }
    closeBout();
  }

  private void closeWindow() {
    long end = windowStart + config.windowMicros();
    emitWindow(windowStart, end, end);
    windowStart = end;
  }

  private void emitWindow(long start, long end, long cutoff) {
    List<Stride> in = new ArrayList<>();
    while (!windowStrides.isEmpty() && windowStrides.peekFirst().nextInitialContactMicros() < cutoff) {
      in.add(windowStrides.pollFirst());
    }
    int steps = 0;
    while (!windowSteps.isEmpty() && windowSteps.peekFirst() < cutoff) {
      windowSteps.pollFirst();
      steps++;
    }
    GaitSummary summary = SummaryCalculator.summarize(start, end, steps, in);
    listener.onWindow(summary);
    checkAsymmetry(summary, end);
  }

  private void checkAsymmetry(GaitSummary w, long at) {
    if (w.leftStrides() < MIN_STRIDES_PER_FOOT_FOR_ALERT
        || w.rightStrides() < MIN_STRIDES_PER_FOOT_FOR_ALERT) {
      return;
    }
    double worst = Math.max(nanToZero(w.symmetry().loadPct()), nanToZero(w.symmetry().stancePct()));
    if (worst > config.asymmetryAlertPercent()) {
      asymmetricWindows++;
      if (asymmetricWindows == config.asymmetryAlertWindows()) {
        listener.onAlert(new Alert(Alert.Kind.ASYMMETRY, null, -1, at, worst,
            config.asymmetryAlertPercent()));
      }
    } else {
      asymmetricWindows = 0;
    }
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private void closeBout() {
    if (boutStart == Long.MIN_VALUE) {
      return;
    }
    List<Stride> in = new ArrayList<>();
    for (Stride s : boutStrides) {
      if (s.nextInitialContactMicros() <= boutLastStep) {
        in.add(s);
      }
    }
    if (in.size() >= config.minBoutStrides()) {
      listener.onWalkingBout(SummaryCalculator.summarize(boutStart, boutLastStep, boutSteps, in));
    }
    boutStrides.clear();
    boutStart = Long.MIN_VALUE;
  }
}
