package com.plantar.gait.internal;

import com.plantar.gait.GaitConfig;

/**
 * Finds initial contacts and toe-offs in one foot's total-force signal, streaming and without
 * allocation.
 *
 * <p>How: a coarse hysteresis (contact above floor + on × amplitude, release below floor + off ×
 * amplitude) says that an edge happened; the edge is then timed precisely from the samples around
 * it, kept in a small ring. The local floor is the minimum within the floor search window before
 * the rise (within one edge window after the fall). Initial contact is the onset of the loading
 * edge: for a calibrated force, the last upward crossing of local floor + {@value #ONSET_FRACTION}
 * × amplitude before the edge (the usual force-threshold contact); for an uncalibrated
 * footswitch-type signal, the knee where the edge starts, i.e. where the sample-to-sample slope
 * first exceeds {@value #KNEE_SLOPE_FRACTION} of the edge's own slope at its reference level
 * (floor + level × amplitude). Toe-off is the falling edge's crossing of floor + level × stance
 * maximum (calibrated) or that crossing's tangent extrapolated to the floor (uncalibrated; the
 * tangent at the steepest step below the level if the fall steepens there), but no later than
 * where the unloading edge stops falling (a sensor relaxing afterwards is not load).
 * Both onsets are relative to the wearer's own signal: no newtons. The floor and peak of the
 * envelope are learned from the wearer's own swings and stances and adapt once per stride, so slow
 * baseline drift and light or heavy wearers need no fixed threshold. A fall followed by a rise
 * within the edge window is one stance (refractory), stances shorter than the minimum or longer
 * than the maximum are flagged implausible.
 *
 * <p>Input passes a three-sample median first: it removes single-sample spikes (ADC glitches, a
 * first sample at the rail) and leaves monotonic edges, hence their timing, untouched, at the cost
 * of one sample of delay.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe. State: about 1.8 KB.
 */
final class ContactDetector {

  private static final int RING = 128;
  private static final int MASK = RING - 1;
  /** Before the envelope is learned, an amplitude below this many mean sample steps is noise. */
  private static final double MIN_AMPLITUDE_IN_STEPS = 10;
  /** The mean sample step is only a noise estimate after this many steps. */
  private static final int MIN_NOISE_STEPS = 10;
  /**
   * A recording's first rise is a step only if the foot was seen unloaded for at least this many
   * samples just before it.
   */
  private static final int MIN_UNLOADED_SAMPLES = 10;
  private static final double STEP_NOISE_ADAPTATION = 0.01;
  /**
   * Calibrated force: contact begins where the load rises above this share of the stance
   * amplitude over the local floor (about 5 % of body weight for a walking adult, a common
   * force-threshold definition, and where the Moticon exports mark it).
   */
  static final double ONSET_FRACTION = 0.05;
  /**
   * Uncalibrated signal: the loading edge starts at the last sample before the slope exceeds this
   * share of the edge's slope at its reference level. A slow pre-load or drift of the swing
   * baseline rises far more slowly, so it is not taken for the edge; sensor noise on a flat floor
   * is far below it.
   */
  static final double KNEE_SLOPE_FRACTION = 0.15;
  private static final double FAST_ADAPTATION = 0.75;
  private static final double SHUFFLE_DEPTH = 0.5;
  private static final int MIN_SHUFFLE_SWINGS = 4;

  private enum Phase { UNKNOWN, SWING, RISING, STANCE, RELEASING }

  private final GaitConfig config;
  private final ContactEvents events;
  private final boolean calibrated;
  private final long[] times = new long[RING];
  private final float[] values = new float[RING];
  private long seq = -1;
  private long firstSeq;

  private int rawCount;
  private long rawMicros1;
  private float raw1;
  private float raw2;

  private Phase phase = Phase.UNKNOWN;
  private boolean floorLearned;
  private boolean peakLearned;
  private double floor;
  private double peak;
  private double bootMin;
  private double bootMax;
  private double meanStep;
  private long stepsSeen;
  /** Lowest value seen so far (the calibrated floor starts at 0 N, this is what the sensor read). */
  private double observedMin = Double.POSITIVE_INFINITY;

  private long toeOffMicros = Long.MIN_VALUE;
  private long contactMicros = Long.MIN_VALUE;
  private double swingMin;
  private double stanceMax;
  private double windowMin;
  private double windowMax;
  private long windowSinceMicros;
  private boolean windowHigh;
  private int windowSwings;
  private long crossSeq;
  private double risingFloor;
  private long risingFloorSeq;
  private double risingLevel;
  private long releaseMicros;
  private double releaseMin;
  private long releaseMinSeq;

  /**
   * @param calibrated true when the signal is a calibrated force (cells in N or kPa). Zero then
   *     means no load, so a foot carrying a steady load while standing is never taken for a foot
   *     in swing before the first real swing has been seen; and toe-off is the crossing of the
   *     toe-off level itself (load below that share of the stance peak), the usual force-threshold
   *     definition. For an uncalibrated footswitch-type signal toe-off is instead the falling
   *     edge's tangent extrapolated to the floor, where the sensor reads "off".
   */
  ContactDetector(GaitConfig config, ContactEvents events, boolean calibrated) {
    this.config = config;
    this.events = events;
    this.calibrated = calibrated;
    reset();
  }

  /** Forgets the signal history (after a gap) but keeps the learned envelope. */
  void reset() {
    phase = Phase.UNKNOWN;
    firstSeq = seq + 1;
    rawCount = 0;
    toeOffMicros = Long.MIN_VALUE;
    contactMicros = Long.MIN_VALUE;
    if (!floorLearned) {
      bootMin = calibrated ? 0 : Double.POSITIVE_INFINITY;
    }
    if (!peakLearned) {
      bootMax = Double.NEGATIVE_INFINITY;
    }
  }

  /** The learned swing-phase floor (or the lowest value so far while still learning). */
  double floor() {
    return floorLearned ? floor : bootMin;
  }

  double amplitude() {
    double a = (peakLearned ? peak : bootMax) - floor();
    return a > 0 ? a : 0;
  }

  /** True while the foot carries load (from the coarse contact until the confirmed toe-off). */
  boolean loaded() {
    return phase == Phase.STANCE || phase == Phase.RELEASING;
  }

  boolean envelopeLearned() {
    return floorLearned && peakLearned;
  }

  void accept(long micros, float raw) {
    // Three-point median, centred on the previous sample.
    rawCount++;
    float older = raw2;
    raw2 = raw1;
    raw1 = raw;
    long centreMicros = rawMicros1;
    rawMicros1 = micros;
    if (rawCount < 3) {
      return; // the first sample of a run has no left neighbour: it is only a neighbour
    }
    float centre = raw2;
    float median = Math.max(Math.min(older, centre), Math.min(Math.max(older, centre), raw));
    detect(centreMicros, median);
  }

  private void detect(long micros, float force) {
    if (seq >= firstSeq) {
      // The plain mean of the first steps, then exponential: the noise estimate is usable at once
      // instead of growing from zero (which let the very first samples pass as a signal).
      stepsSeen++;
      double weight = Math.max(STEP_NOISE_ADAPTATION, 1.0 / stepsSeen);
      meanStep += (Math.abs(force - values[(int) (seq & MASK)]) - meanStep) * weight;
    }
    seq++;
    times[(int) (seq & MASK)] = micros;
    values[(int) (seq & MASK)] = force;
    if (!floorLearned && force < bootMin) {
      bootMin = force;
    }
    if (!peakLearned && force > bootMax) {
      bootMax = force;
    }
    if (force < observedMin) {
      observedMin = force;
    }
    double amp = amplitude();
    // Before the envelope is learned, what the sensor has actually shown (not the amplitude over
    // a calibrated zero that the insole's own offset may never reach) must stand out of the noise.
    boolean onlyNoise = stepsSeen < MIN_NOISE_STEPS
        || bootMax - observedMin < MIN_AMPLITUDE_IN_STEPS * meanStep;
    if (amp <= 0 || !envelopeLearned() && onlyNoise) {
      return;
    }
    double on = floor() + config.contactOnFraction() * amp;
    double off = floor() + config.contactOffFraction() * amp;
    switch (phase) {
      case UNKNOWN -> {
        if (force <= off) {
          enterSwing(force);
        } else if (force >= on && unloadedSamplesBefore(off) >= MIN_UNLOADED_SAMPLES) {
          beginRise(); // the first step of a recording that starts in swing: time its contact
        } else if (force >= on) {
          phase = Phase.STANCE;
          contactMicros = Long.MIN_VALUE;
          stanceMax = force;
          startLoadWindow(micros, force);
        }
      }
      case SWING -> {
        if (force < swingMin) {
          swingMin = force;
        }
        if (force >= on) {
          beginRise();
        }
      }
      case RISING -> {
        if (force >= risingLevel) {
          timeInitialContact();
        } else if (force <= off) {
          phase = Phase.SWING;
        } else if (micros - times[(int) (crossSeq & MASK)] > config.edgeWindowMicros()) {
          startStance(times[(int) (crossSeq & MASK)]);
        }
      }
      case STANCE -> {
        if (force > stanceMax) {
          stanceMax = force;
        }
        windowMin = Math.min(windowMin, force);
        windowMax = Math.max(windowMax, force);
        double top = peakLearned ? peak : bootMax;
        if (windowHigh ? force < floor() + 0.35 * (top - floor())
            : force > floor() + 0.5 * (top - floor())) {
          windowHigh = !windowHigh;
          windowSwings++;
        }
        if (micros - windowSinceMicros > config.maxStanceMicros()) {
          relearnFloorIfShuffling(micros, force);
        }
        if (force <= off) {
          phase = Phase.RELEASING;
          releaseMicros = micros;
          releaseMin = force;
          releaseMinSeq = seq;
        }
      }
      case RELEASING -> {
        if (force < releaseMin) {
          releaseMin = force;
          releaseMinSeq = seq;
        }
        if (force >= on) {
          phase = Phase.STANCE; // refractory: a dip, not a toe-off
          if (force > stanceMax) {
            stanceMax = force;
          }
        } else if (micros - releaseMicros >= config.edgeWindowMicros()) {
          timeToeOff();
        }
      }
    }
  }

  private void enterSwing(double force) {
    phase = Phase.SWING;
    swingMin = force;
  }

  private void beginRise() {
    crossSeq = seq;
    double min = findLocalFloor();
    double top = peakLearned ? peak : bootMax;
    risingLevel = min + config.initialContactLevel() * Math.max(top - min, 0);
    phase = Phase.RISING;
    if (values[(int) (seq & MASK)] >= risingLevel) {
      timeInitialContact();
    }
  }

  /**
   * How many samples within the floor search window before the current one were at or below
   * {@code level}: a foot seen unloaded for a while before a rise, not a slow drift of the
   * reading (of which only the first part lies below any share of the range it has covered).
   */
  private int unloadedSamplesBefore(double level) {
    long from = times[(int) (seq & MASK)] - config.floorSearchMicros();
    int count = 0;
    for (long s = seq - 1; s >= firstSeq && s > seq - RING; s--) {
      if (times[(int) (s & MASK)] < from) {
        break;
      }
      if (values[(int) (s & MASK)] <= level) {
        count++;
      }
    }
    return count;
  }

  /**
   * The lowest value within the floor search window up to the current sample (never before the
   * previous toe-off); also kept in {@link #risingFloor} and {@link #risingFloorSeq}.
   */
  private double findLocalFloor() {
    long from = times[(int) (seq & MASK)] - config.floorSearchMicros();
    long s = seq;
    double min = values[(int) (s & MASK)];
    long minSeq = s;
    while (s - 1 >= firstSeq && s - 1 > seq - RING) {
      long t = times[(int) ((s - 1) & MASK)];
      if (t < from || t < toeOffMicros) {
        break;
      }
      s--;
      double v = values[(int) (s & MASK)];
      if (v <= min) {
        min = v;
        minSeq = s;
      }
    }
    risingFloor = min;
    risingFloorSeq = minSeq;
    return min;
  }

  /**
   * Rising edge: find the reference level's crossing and the edge's slope there, then the onset
   * before it (see the class comment). An edge without a positive slope is timed at its crossing.
   */
  private void timeInitialContact() {
    long k = risingFloorSeq;
    while (k + 1 < seq && values[(int) ((k + 1) & MASK)] < risingLevel) {
      k++;
    }
    double xk = values[(int) (k & MASK)];
    double xk1 = values[(int) ((k + 1) & MASK)];
    long tk = times[(int) (k & MASK)];
    long tk1 = times[(int) ((k + 1) & MASK)];
    double slope = (xk1 - xk) / (tk1 - tk);
    if (k + 2 <= seq) {
      slope = Math.max(slope, (values[(int) ((k + 2) & MASK)] - xk)
          / (times[(int) ((k + 2) & MASK)] - tk));
    }
    double ic;
    if (calibrated) {
      ic = loadOnset(k);
    } else if (slope > 0) {
      ic = edgeKnee(k, slope);
    } else {
      ic = tk1; // the first sample at the reference level
    }
    long floorMicros = times[(int) (risingFloorSeq & MASK)];
    startStance(Math.max(Math.round(ic), floorMicros));
  }

  /**
   * The interpolated last upward crossing of local floor + {@link #ONSET_FRACTION} × amplitude at
   * or before sample {@code k + 1} (the local floor lies below it, so there is one).
   */
  private double loadOnset(long k) {
    double top = peakLearned ? peak : bootMax;
    double level = risingFloor + ONSET_FRACTION * Math.max(top - risingFloor, 0);
    long j = k + 1;
    while (j > risingFloorSeq && values[(int) (j & MASK)] > level) {
      j--;
    }
    double below = values[(int) (j & MASK)];
    double above = values[(int) ((j + 1) & MASK)];
    long tBelow = times[(int) (j & MASK)];
    long tAbove = times[(int) ((j + 1) & MASK)];
    return above > below ? tBelow + (level - below) / (above - below) * (tAbove - tBelow) : tAbove;
  }

  /**
   * Walks back from the reference crossing (sample {@code k + 1}) while each sample step is
   * steeper than {@link #KNEE_SLOPE_FRACTION} × {@code edgeSlope}; the knee is the sample where
   * that stops. Sub-sample: the instant between the slopes of the steps before and after the knee
   * (taken at the steps' midpoints) where the slope crosses the threshold, so the result does not
   * snap to the sample grid.
   */
  private double edgeKnee(long k, double edgeSlope) {
    double threshold = KNEE_SLOPE_FRACTION * edgeSlope;
    long j = k + 1;
    while (j > risingFloorSeq && stepSlope(j) > threshold) {
      j--;
    }
    long knee = times[(int) (j & MASK)];
    if (j <= risingFloorSeq || j + 1 > seq) {
      return knee;
    }
    double before = stepSlope(j);
    double after = stepSlope(j + 1);
    long dt = times[(int) ((j + 1) & MASK)] - knee;
    double share = after > before ? (threshold - before) / (after - before) : 0;
    return knee - dt / 2.0 + dt * Math.max(0, Math.min(1, share));
  }

  /** Slope of the step from sample {@code j - 1} to sample {@code j}, per µs. */
  private double stepSlope(long j) {
    return (values[(int) (j & MASK)] - values[(int) ((j - 1) & MASK)])
        / (times[(int) (j & MASK)] - times[(int) ((j - 1) & MASK)]);
  }

  private void startStance(long icMicros) {
    if (toeOffMicros != Long.MIN_VALUE) {
      learnFloor(swingMin);
    }
    phase = Phase.STANCE;
    contactMicros = Math.max(icMicros, toeOffMicros == Long.MIN_VALUE ? icMicros : toeOffMicros + 1);
    stanceMax = values[(int) (seq & MASK)];
    startLoadWindow(times[(int) (seq & MASK)], stanceMax);
    events.onInitialContact(contactMicros);
  }

  private void startLoadWindow(long micros, double force) {
    windowSinceMicros = micros;
    windowMin = force;
    windowMax = force;
    windowHigh = true;
    windowSwings = 0;
  }

  /**
   * Calibrated input only: a "stance" longer than the maximum whose load kept swinging deeply
   * and repeatedly (over the last maximum-stance window: at least two up-and-down swings across
   * the middle of the envelope, with a range over half its top above the floor) is not standing
   * but steps that never unload below the release level (shuffling): the floor estimate is too
   * low, so it is raised to the lowest load of that window. Standing keeps its floor: its load
   * varies little, and a single unloading (the last step into standing) is not a rhythm.
   */
  private void relearnFloorIfShuffling(long micros, double force) {
    if (calibrated && windowSwings >= MIN_SHUFFLE_SWINGS
        && windowMax - windowMin > SHUFFLE_DEPTH * (windowMax - floor())) {
      floor = windowMin;
      floorLearned = true;
    }
    startLoadWindow(micros, force);
  }

  /** Falling edge: the mirror image of {@link #timeInitialContact()} (see the constructor). */
  private void timeToeOff() {
    double level = releaseMin + config.toeOffLevel() * Math.max(stanceMax - releaseMin, 0);
    long from = releaseMicros - config.edgeWindowMicros();
    long k = releaseMinSeq;
    while (k - 1 >= firstSeq && k - 1 > seq - RING
        && times[(int) ((k - 1) & MASK)] >= from
        && values[(int) ((k - 1) & MASK)] < level) {
      k--;
    }
    long tMin = times[(int) (releaseMinSeq & MASK)];
    long to = tMin;
    if (k - 1 >= firstSeq && k - 1 > seq - RING) {
      double xk = values[(int) (k & MASK)];
      double xp = values[(int) ((k - 1) & MASK)];
      long tk = times[(int) (k & MASK)];
      long tp = times[(int) ((k - 1) & MASK)];
      double slope = (xp - xk) / (tk - tp);
      if (k - 2 >= firstSeq && k - 2 > seq - RING) {
        slope = Math.max(slope, (values[(int) ((k - 2) & MASK)] - xk)
            / (tk - times[(int) ((k - 2) & MASK)]));
      }
      double crossing = xp > xk ? tp + (xp - level) / (xp - xk) * (tk - tp) : tp;
      double t = calibrated || slope <= 0 ? crossing : crossing + (level - releaseMin) / slope;
      if (!calibrated) {
        t = Math.min(t, steepestTangentBelow(k, slope));
      }
      to = Math.min(Math.round(t), tMin);
    }
    if (!calibrated) {
      to = Math.min(to, unloadingEdgeEnd());
    }
    if (contactMicros != Long.MIN_VALUE) {
      to = Math.max(to, contactMicros + 1);
    }
    long stance = contactMicros == Long.MIN_VALUE ? -1 : to - contactMicros;
    boolean plausible = stance >= config.minStanceMicros() && stance <= config.maxStanceMicros();
    learnPeak(stanceMax);
    toeOffMicros = to;
    enterSwing(releaseMin);
    events.onToeOff(to, plausible);
  }

  /**
   * Uncalibrated signal: where the tangent at the steepest step of the fall below the toe-off
   * level (from sample {@code k}, the first below it, to the window's minimum) reaches the
   * window's minimum, when that step is steeper than {@code crossingSlope}; otherwise never
   * (positive infinity). The tangent at the crossing assumes the fall keeps the slope it has
   * there; when the last of the load leaves faster (the fall steepens below the level), that
   * tangent reaches the floor after the signal does and toe-off was late.
   */
  private double steepestTangentBelow(long k, double crossingSlope) {
    double steepest = crossingSlope;
    long steepestSeq = -1;
    for (long j = k; j <= releaseMinSeq; j++) {
      if (-stepSlope(j) > steepest) {
        steepest = -stepSlope(j);
        steepestSeq = j;
      }
    }
    if (steepestSeq < 0) {
      return Double.POSITIVE_INFINITY;
    }
    long before = steepestSeq - 1;
    return times[(int) (before & MASK)] + (values[(int) (before & MASK)] - releaseMin) / steepest;
  }

  /**
   * Uncalibrated signal: where the unloading edge stops falling. The edge is the steepest fall
   * from the last sample at or above the coarse contact level before the release (as far back as
   * the ring reaches) to the window's minimum; its end is the first sample after that steepest
   * step from which the signal no longer falls. A force-sensitive resistor that relaxes slowly
   * after the load is gone (a plateau or rebound, then a creeping decline) would otherwise pull
   * the release, hence the window's minimum and the tangent's floor, onto that creep: toe-off is
   * the end of the unloading, not of the sensor's relaxation. The edge starts where the foot was
   * last loaded by the detector's own measure (the contact level), not at a fixed time before
   * the release: a plateau just above the release level delays the release by hundreds of ms, and
   * a window counted back from it missed the edge (gaitndd park15's right foot); a shelf between
   * that level and the middle of the envelope is still load, not the start of the unloading.
   */
  private long unloadingEdgeEnd() {
    long oldest = Math.max(firstSeq, seq - RING + 2);
    double loaded = floor() + config.contactOnFraction() * amplitude();
    long start = releaseMinSeq;
    while (start - 1 >= oldest
        && !(values[(int) ((start - 1) & MASK)] >= loaded
            && times[(int) ((start - 1) & MASK)] <= releaseMicros)) {
      start--;
    }
    double steepest = 0;
    long steepestSeq = -1;
    for (long j = start; j <= releaseMinSeq; j++) {
      if (j - 1 >= oldest && -stepSlope(j) > steepest) {
        steepest = -stepSlope(j);
        steepestSeq = j;
      }
    }
    if (steepestSeq < 0) {
      return times[(int) (releaseMinSeq & MASK)];
    }
    long end = steepestSeq;
    while (end + 1 <= releaseMinSeq && stepSlope(end + 1) < 0) {
      end++;
    }
    return times[(int) (end & MASK)];
  }

  /**
   * The envelope follows a drop of the floor (or a rise of the peak) quickly and the opposite
   * slowly: a first "stance" that was really standing, or a first swing that never fully unloaded,
   * must not hold the thresholds back for many strides, while a single weak step must not pull
   * them down.
   */
  private void learnFloor(double swingMinimum) {
    if (floorLearned) {
      double weight = swingMinimum < floor ? FAST_ADAPTATION : config.envelopeAdaptation();
      floor += weight * (swingMinimum - floor);
    } else {
      floor = swingMinimum;
      floorLearned = true;
    }
  }

  private void learnPeak(double stanceMaximum) {
    if (peakLearned) {
      double weight = stanceMaximum > peak ? FAST_ADAPTATION : config.envelopeAdaptation();
      peak += weight * (stanceMaximum - peak);
    } else {
      peak = stanceMaximum;
      peakLearned = true;
    }
  }
}
