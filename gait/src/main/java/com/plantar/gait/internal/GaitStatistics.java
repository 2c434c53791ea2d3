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
 * that end inside it (emitted a little later) are counted in it; windows without any step are
 * not reported.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe. Allocates per stride and per
 * window, never per sample.
 */
final class GaitStatistics {

  private static final int MIN_STRIDES_PER_FOOT_FOR_ALERT = 3;
  /**
   * A bout is closed (and a new one begun) after this many strides, about 35 minutes of walking,
   * so a wearer's state stays bounded (~200 KB at most).
   */
  private static final int MAX_BOUT_STRIDES = 4_000;

  private final GaitConfig config;
  private final GaitListener listener;
  private final long settleMicros;
  private final ArrayDeque<StrideFacts> windowStrides = new ArrayDeque<>();
  private final ArrayDeque<Long> windowSteps = new ArrayDeque<>();
  private long windowStart = Long.MIN_VALUE;

  private final List<StrideFacts> boutStrides = new ArrayList<>();
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
    StrideFacts facts = StrideFacts.of(stride);
    windowStrides.addLast(facts);
    if (boutStart != Long.MIN_VALUE && stride.initialContactMicros() >= boutStart) {
      boutStrides.add(facts);
      if (boutStrides.size() >= MAX_BOUT_STRIDES) {
        long next = boutLastStep;
        closeBout();
        boutStart = next;
        boutLastStep = next;
        boutSteps = 1;
      }
    }
  }

  /** Called with every sample time: closes windows and bouts that are over. */
  void tick(long nowMicros) {
    if (windowStart == Long.MIN_VALUE) {
      windowStart = nowMicros;
    }
    while (nowMicros >= windowStart + config.windowMicros() + settleMicros) {
      if (windowStrides.isEmpty() && windowSteps.isEmpty()) {
        // Nothing happened (standing, sitting, no data): skip to the window now open, silently.
        long behind = nowMicros - settleMicros - windowStart;
        windowStart += behind / config.windowMicros() * config.windowMicros();
        break;
      }
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
    List<StrideFacts> in = new ArrayList<>();
    while (!windowStrides.isEmpty() && windowStrides.peekFirst().endMicros() < cutoff) {
      in.add(windowStrides.pollFirst());
    }
    int steps = 0;
    while (!windowSteps.isEmpty() && windowSteps.peekFirst() < cutoff) {
      windowSteps.pollFirst();
      steps++;
    }
    GaitSummary summary = SummaryCalculator.summarizeFacts(start, end, steps, in);
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
    List<StrideFacts> in = new ArrayList<>();
    for (StrideFacts s : boutStrides) {
      if (s.endMicros() <= boutLastStep) {
        in.add(s);
      }
    }
    if (in.size() >= config.minBoutStrides()) {
      listener.onWalkingBout(SummaryCalculator.summarizeFacts(boutStart, boutLastStep, boutSteps, in));
    }
    boutStrides.clear();
    boutStart = Long.MIN_VALUE;
  }
}
