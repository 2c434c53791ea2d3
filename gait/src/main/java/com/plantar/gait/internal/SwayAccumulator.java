package com.plantar.gait.internal;

import com.plantar.gait.Sway;

/**
 * Centre-of-pressure sway of one foot: path length and the moments needed for the 95 % prediction
 * ellipse (area = π · χ²₀.₉₅,₂ · √det Σ, χ² = 5.991). The CoP is first smoothed (exponential,
 * 50 ms time constant, about 3 Hz): quiet-standing sway lies below that, while cell quantisation
 * noise at the sample rate would otherwise dominate the path length. No allocation per sample.
 *
 * <p>Owned by the thread that feeds the engine; not thread-safe.
 */
final class SwayAccumulator {

  private static final double CHI_SQUARE_95_2DOF = 5.991;
  private static final double SMOOTHING_MICROS = 50_000;

  private long n;
  private double sx;
  private double sy;
  private double sxx;
  private double syy;
  private double sxy;
  private double path;
  private double lastX;
  private double lastY;
  private long lastMicros;

  void reset() {
    n = 0;
    sx = sy = sxx = syy = sxy = path = 0;
  }

  void add(long micros, double rawX, double rawY) {
    double x = rawX;
    double y = rawY;
    if (n > 0) {
      double alpha = 1 - Math.exp(-(micros - lastMicros) / SMOOTHING_MICROS);
      x = lastX + alpha * (rawX - lastX);
      y = lastY + alpha * (rawY - lastY);
      double dx = x - lastX;
      double dy = y - lastY;
      path += Math.sqrt(dx * dx + dy * dy); // not Math.hypot (see StanceAccumulator)
    }
    lastMicros = micros;
    lastX = x;
    lastY = y;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }

  /** Null when fewer than three points were seen. */
  Sway result(double durationS) {
    if (n < 3) {
      return null;
    }
    double mx = sx / n;
    double my = sy / n;
    double vx = (sxx - n * mx * mx) / (n - 1);
    double vy = (syy - n * my * my) / (n - 1);
    double cxy = (sxy - n * mx * my) / (n - 1);
    double det = Math.max(vx * vy - cxy * cxy, 0);
    return new Sway(path, durationS > 0 ? path / durationS : Double.NaN,
        Math.PI * CHI_SQUARE_95_2DOF * Math.sqrt(det));
  }
}
