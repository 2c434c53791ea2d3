package com.plantar.gait.internal;

import com.plantar.gait.FootSide;
import com.plantar.gait.ForceProfile;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEvent;
import com.plantar.gait.PressureProfile;
import java.util.function.Consumer;

/**
 * Everything about one foot: its contact detector, the stance being collected, the chain of
 * initial contact → toe-off → initial contact that makes a stride, and its recent events.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class FootTracker implements ContactEvents {

  /** Centre of pressure is only meaningful above this share of the stance amplitude. */
  private static final double COP_MIN_LOAD_FRACTION = 0.10;
  /** A heel-to-toe step moves the CoP forward by at least this share of the insole length. */
  private static final double MIN_ROLL_OFF = 1.0 / 3;

  private final FootSide side;
  private final GaitConfig config;
  private final CellGeometry geometry;
  private final ContactDetector detector;
  private final StanceAccumulator stance;
  private final EventHistory history = new EventHistory();
  private final Consumer<FootStride> strides;
  private final EventSink events;

  private long lastSampleMicros = Long.MIN_VALUE;
  private long contactMicros = Long.MIN_VALUE;
  private long toeOffMicros = Long.MIN_VALUE;
  private boolean collecting;
  private ForceProfile stanceForce;
  private PressureProfile stancePressure;
  private double lastForce;

  /** Told about every initial contact and toe-off as it is timed. */
  interface EventSink {
    void onEvent(GaitEvent event);
  }

  FootTracker(FootSide side, GaitConfig config, CellGeometry geometry,
      Consumer<FootStride> strides, EventSink events) {
    this.side = side;
    this.config = config;
    this.geometry = geometry;
    this.detector = new ContactDetector(config, this, geometry != null);
    this.stance = new StanceAccumulator(geometry);
    this.strides = strides;
    this.events = events;
  }

  FootSide side() {
    return side;
  }

  CellGeometry geometry() {
    return geometry;
  }

  EventHistory history() {
    return history;
  }

  long lastSampleMicros() {
    return lastSampleMicros;
  }

  boolean loaded() {
    return detector.loaded() && detector.envelopeLearned();
  }

  /** Latest total force above the learned swing floor. */
  double force() {
    return lastForce;
  }

  /** A gap: forget the signal and the stride in progress, keep the learned envelope. */
  void gap(long firstMicrosAfter) {
    detector.reset();
    contactMicros = Long.MIN_VALUE;
    toeOffMicros = Long.MIN_VALUE;
    collecting = false;
    history.continuousFrom(firstMicrosAfter);
  }

  void accept(long micros, float totalForce) {
    if (lastSampleMicros == Long.MIN_VALUE) {
      history.continuousFrom(micros);
    }
    lastSampleMicros = micros;
    detector.accept(micros, totalForce);
    double floor = detector.floor();
    double amplitude = detector.amplitude();
    lastForce = Math.max(totalForce - floor, 0);
    if (collecting && detector.loaded()
        && lastForce >= config.toeOffLevel() * amplitude) {
      stance.add(micros, lastForce, lastForce >= COP_MIN_LOAD_FRACTION * amplitude);
    }
  }

  @Override
  public void onInitialContact(long icMicros) {
    history.add(icMicros, true);
    events.onEvent(new GaitEvent(side, GaitEvent.Kind.INITIAL_CONTACT, icMicros));
    if (contactMicros != Long.MIN_VALUE && toeOffMicros != Long.MIN_VALUE
        && icMicros - contactMicros <= config.maxStrideMicros()) {
      boolean turn = stancePressure != null && geometry != null
          && stancePressure.endYMm() - stancePressure.startYMm() < geometry.lengthMm() * MIN_ROLL_OFF;
      strides.accept(new FootStride(side, contactMicros, toeOffMicros, icMicros,
          stanceForce, stancePressure, turn));
    }
    contactMicros = icMicros;
    toeOffMicros = Long.MIN_VALUE;
    collecting = true;
    stance.begin(icMicros);
  }

  @Override
  public void onToeOff(long toMicros, boolean plausible) {
    history.add(toMicros, false);
    collecting = false;
    events.onEvent(new GaitEvent(side, GaitEvent.Kind.TOE_OFF, toMicros));
    if (plausible && contactMicros != Long.MIN_VALUE) {
      toeOffMicros = toMicros;
      stanceForce = stance.forceProfile(contactMicros, toMicros, config.weightKg());
      stancePressure = stance.pressureProfile();
    } else {
      contactMicros = Long.MIN_VALUE;
      toeOffMicros = Long.MIN_VALUE;
    }
  }
}
