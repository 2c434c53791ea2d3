package com.plantar.simulator.device;

import java.util.Arrays;
import java.util.Locale;

/**
 * HELLO calibration model {@code lut}: piecewise-linear ADC → kPa, both increasing (a pull-down
 * divider: more pressure, higher reading). The device uses the inverse to turn the simulated
 * pressure into raw ADC values; a pressure at or past the last point reads full scale (clipped).
 */
public record LutCalibration(int[] adc, double[] kpa) {
  public static final int FULL_SCALE = 4095;

  public LutCalibration {
    if (adc.length != kpa.length || adc.length < 2) {
      throw new IllegalArgumentException("a LUT needs two or more matching points");
    }
    for (int i = 1; i < adc.length; i++) {
      if (adc[i] <= adc[i - 1] || kpa[i] <= kpa[i - 1]) {
        throw new IllegalArgumentException("LUT points must increase: " + Arrays.toString(adc));
      }
    }
    adc = adc.clone();
    kpa = kpa.clone();
  }

  /** A force-sensitive-resistor-like curve that saturates at {@code saturationKpa}. */
  public static LutCalibration fsr(double saturationKpa) {
    if (!(saturationKpa > 250)) {
      throw new IllegalArgumentException("saturation must be above 250 kPa: " + saturationKpa);
    }
    return new LutCalibration(new int[] {0, 600, 1800, 3200, FULL_SCALE},
        new double[] {0, 15, 80, 250, saturationKpa});
  }

  /** The ADC reading for {@code kpa}, clamped to 0…full scale. */
  public int toAdc(double pressureKpa) {
    if (pressureKpa <= kpa[0]) {
      return adc[0];
    }
    for (int i = 1; i < kpa.length; i++) {
      if (pressureKpa < kpa[i]) {
        double f = (pressureKpa - kpa[i - 1]) / (kpa[i] - kpa[i - 1]);
        return (int) Math.round(adc[i - 1] + f * (adc[i] - adc[i - 1]));
      }
    }
    return adc[adc.length - 1];
  }

  /** kPa for an ADC reading (what a gateway computes). */
  public double toKpa(int reading) {
    if (reading <= adc[0]) {
      return kpa[0];
    }
    for (int i = 1; i < adc.length; i++) {
      if (reading <= adc[i]) {
        double f = (reading - adc[i - 1]) / (double) (adc[i] - adc[i - 1]);
        return kpa[i - 1] + f * (kpa[i] - kpa[i - 1]);
      }
    }
    return kpa[kpa.length - 1];
  }

  /** The HELLO {@code cal} object. */
  public String json() {
    StringBuilder s = new StringBuilder("{\"model\":\"lut\",\"adc\":[");
    for (int i = 0; i < adc.length; i++) {
      s.append(i == 0 ? "" : ",").append(adc[i]);
    }
    s.append("],\"kpa\":[");
    for (int i = 0; i < kpa.length; i++) {
      s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", kpa[i]));
    }
    return s.append("]}").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LutCalibration other && Arrays.equals(adc, other.adc) && Arrays.equals(kpa, other.kpa);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(adc) + Arrays.hashCode(kpa);
  }

  @Override
  public String toString() {
    return json();
  }
}
