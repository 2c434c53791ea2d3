package com.plantar.gait.internal;

import com.plantar.gait.ForceProfile;
import com.plantar.gait.PressureProfile;

/**
 * Collects one stance of one foot, sample by sample without allocation, and turns it into a
 * {@link ForceProfile} (and a {@link PressureProfile} with a cell layout) at toe-off. The force
 * curve and the CoP path are kept in fixed buffers that halve their resolution when full, so any
 * stance fits in a few KB with at least {@value #POINTS}/2 points.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class StanceAccumulator {

  static final int POINTS = 128;

  private final CellGeometry geometry;
  private final long[] curveTimes = new long[POINTS];
  private final float[] curveForces = new float[POINTS];
  private final float[] pathX = new float[POINTS];
  private final float[] pathY = new float[POINTS];
  private final double[] regionImpulse = new double[4];
  private final double[] regionPeakKpa = new double[4];
  private int curveCount;
  private int curveStep;
  private int curveSkip;
  private int pathCount;
  private int pathStep;
  private int pathSkip;

  private long previousMicros;
  private double impulse;
  private double cellImpulse;
  private double medialImpulse;
  private boolean haveCop;
  private double startX;
  private double startY;
  private double lastX;
  private double lastY;
  private double minX;
  private double maxX;
  private double pathLength;

  /** @param geometry the cell layout, or null for a single force channel */
  StanceAccumulator(CellGeometry geometry) {
    this.geometry = geometry;
  }

  void begin(long micros) {
    previousMicros = micros;
    curveCount = 0;
    curveStep = 1;
    curveSkip = 0;
    pathCount = 0;
    pathStep = 1;
    pathSkip = 0;
    impulse = 0;
    cellImpulse = 0;
    medialImpulse = 0;
    haveCop = false;
    pathLength = 0;
    java.util.Arrays.fill(regionImpulse, 0);
    java.util.Arrays.fill(regionPeakKpa, Double.NaN);
  }

  /**
   * @param force total force above the swing floor
   * @param copValid whether the load is high enough for a meaningful centre of pressure
   */
  void add(long micros, double force, boolean copValid) {
    double dt = (micros - previousMicros) * 1e-6;
    previousMicros = micros;
    impulse += force * dt;
    addCurvePoint(micros, (float) force);
    if (geometry == null) {
      return;
    }
    float[] cellForce = geometry.cellForces();
    for (int i = 0; i < cellForce.length; i++) {
      double f = cellForce[i] * dt;
      int region = geometry.regionIndex(i);
      regionImpulse[region] += f;
      medialImpulse += f * geometry.medialWeight(i);
      cellImpulse += f;
      double kpa = geometry.cellPressureKpa(i);
      if (!(kpa <= regionPeakKpa[region])) {
        regionPeakKpa[region] = kpa;
      }
    }
    if (copValid && geometry.totalCellForce() > 0) {
      double x = geometry.copX();
      double y = geometry.copY();
      if (!haveCop) {
        haveCop = true;
        startX = x;
        startY = y;
        minX = x;
        maxX = x;
      } else {
        double dx = x - lastX;
        double dy = y - lastY;
        // Not Math.hypot: its care for overflow cost a sixth of the per-sample time (16 cells,
        // JFR); distances in mm cannot overflow.
        pathLength += Math.sqrt(dx * dx + dy * dy);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
      lastX = x;
      lastY = y;
      addPathPoint((float) x, (float) y);
    }
  }

  private void addCurvePoint(long micros, float force) {
    if (curveSkip > 0) {
      curveSkip--;
      // Keep the larger of merged points so peaks survive decimation.
      if (force > curveForces[curveCount - 1]) {
        curveForces[curveCount - 1] = force;
        curveTimes[curveCount - 1] = micros;
      }
      return;
    }
    if (curveCount == POINTS) {
      for (int i = 0; i < POINTS / 2; i++) {
        int a = 2 * i;
        int b = a + 1;
        int keep = curveForces[b] > curveForces[a] ? b : a;
        curveForces[i] = curveForces[keep];
        curveTimes[i] = curveTimes[keep];
      }
      curveCount = POINTS / 2;
      curveStep *= 2;
    }
    curveForces[curveCount] = force;
    curveTimes[curveCount] = micros;
    curveCount++;
    curveSkip = curveStep - 1;
  }

  private void addPathPoint(float x, float y) {
    if (pathSkip > 0) {
      pathSkip--;
      return;
    }
    if (pathCount == POINTS) {
      for (int i = 0; i < POINTS / 2; i++) {
        pathX[i] = pathX[2 * i];
        pathY[i] = pathY[2 * i];
      }
      pathCount = POINTS / 2;
      pathStep *= 2;
    }
    pathX[pathCount] = x;
    pathY[pathCount] = y;
    pathCount++;
    pathSkip = pathStep - 1;
  }

  ForceProfile forceProfile(long icMicros, long toMicros, double weightKg) {
    double stance = Math.max(toMicros - icMicros, 1);
    int n = curveCount;
    if (n == 0) {
      return new ForceProfile(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
    long mid = icMicros + (toMicros - icMicros) / 2;
    int first = -1;
    int second = -1;
    int max = 0;
    for (int i = 0; i < n; i++) {
      if (curveForces[i] > curveForces[max]) {
        max = i;
      }
      if (curveTimes[i] <= mid) {
        if (first < 0 || curveForces[i] > curveForces[first]) {
          first = i;
        }
      } else if (second < 0 || curveForces[i] >= curveForces[second]) {
        second = i;
      }
    }
    if (first < 0) {
      first = max;
    }
    if (second < 0) {
      second = max;
    }
    int valley = first;
    for (int i = first; i <= second; i++) {
      if (curveForces[i] < curveForces[valley]) {
        valley = i;
      }
    }
    double loadingRate = 0;
    for (int i = 0; i < first; i++) {
      double dt = (curveTimes[i + 1] - curveTimes[i]) * 1e-6;
      if (dt > 0) {
        loadingRate = Math.max(loadingRate, (curveForces[i + 1] - curveForces[i]) / dt);
      }
    }
    double stanceS = stance * 1e-6;
    return new ForceProfile(
        curveForces[first], pct(curveTimes[first] - icMicros, stance),
        curveForces[second], pct(curveTimes[second] - icMicros, stance),
        curveForces[valley], pct(curveTimes[valley] - icMicros, stance),
        curveForces[max], impulse / stanceS,
        loadingRate, loadingRate / weightKg, impulse);
  }

  /** Null without a layout or without a single valid centre of pressure. */
  PressureProfile pressureProfile() {
    if (geometry == null || !haveCop || cellImpulse <= 0) {
      return null;
    }
    double dx = lastX - startX;
    double dy = lastY - startY;
    double minLateral = 0;
    double maxLateral = 0;
    double cpe = Double.NaN;
    double distalY = geometry.distalThirdYMm();
    for (int i = 0; i < pathCount; i++) {
      double lateral = lateralOfLine(pathX[i], pathY[i], dx, dy);
      minLateral = Math.min(minLateral, lateral);
      maxLateral = Math.max(maxLateral, lateral);
      if (Double.isNaN(cpe) && pathY[i] >= distalY) {
        cpe = lateral;
      }
    }
    double width = geometry.widthMm();
    return new PressureProfile(
        startX, startY, lastX, lastY, pathLength, maxX - minX, maxLateral - minLateral,
        width > 0 ? cpe / width * 100 : Double.NaN,
        regionImpulse[0] / cellImpulse, regionImpulse[1] / cellImpulse,
        regionImpulse[2] / cellImpulse, regionImpulse[3] / cellImpulse,
        medialImpulse / cellImpulse, 1 - medialImpulse / cellImpulse,
        regionPeakKpa[0], regionPeakKpa[1], regionPeakKpa[2], regionPeakKpa[3],
        regionImpulse[1] / cellImpulse * 100);
  }

  /** Signed distance (+ lateral) of a point from the start-to-end line, measured along x. */
  private double lateralOfLine(double x, double y, double dx, double dy) {
    double lineX = Math.abs(dy) > 1e-9 ? startX + dx * (y - startY) / dy : startX;
    return x - lineX;
  }

  private static double pct(double part, double whole) {
    return part / whole * 100;
  }
}
