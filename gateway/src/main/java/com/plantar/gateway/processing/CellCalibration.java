package com.plantar.gateway.processing;

import java.util.Arrays;

/**
 * Turns one cell's raw ADC value into kilopascals, per the HELLO calibration models of PROTOCOL.md
 * §8. Immutable; {@link #toKpa} allocates nothing (it runs for every cell of every sample).
 */
public sealed interface CellCalibration {

  float toKpa(int adc);

  /** Piecewise-linear table, clamped at both ends (the default model). */
  record Lut(int[] adc, float[] kpa) implements CellCalibration {
    public Lut {
      if (adc.length < 2 || adc.length != kpa.length) {
        throw new IllegalArgumentException("a lut needs two or more points, as many adc as kpa values");
      }
      // Sorted by ADC value so the look-up is a scan in one direction, whatever the sensor topology.
      Integer[] order = new Integer[adc.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      int[] source = adc;
      Arrays.sort(order, (a, b) -> Integer.compare(source[a], source[b]));
      int[] sortedAdc = new int[adc.length];
      float[] sortedKpa = new float[adc.length];
      for (int i = 0; i < order.length; i++) {
        sortedAdc[i] = adc[order[i]];
        sortedKpa[i] = kpa[order[i]];
        if (i > 0 && sortedAdc[i] == sortedAdc[i - 1]) {
          throw new IllegalArgumentException("a lut has the ADC value " + sortedAdc[i] + " twice");
        }
      }
      adc = sortedAdc;
      kpa = sortedKpa;
    }

    @Override
    public float toKpa(int value) {
      if (value <= adc[0]) {
        return kpa[0];
      }
      for (int i = 1; i < adc.length; i++) {
        if (value <= adc[i]) {
          float t = (float) (value - adc[i - 1]) / (adc[i] - adc[i - 1]);
          return kpa[i - 1] + t * (kpa[i] - kpa[i - 1]);
        }
      }
      return kpa[kpa.length - 1];
    }
  }

  /** Polynomial in the ADC value, coefficients from the constant term up; negative results read 0. */
  record Poly(double[] coefficients) implements CellCalibration {
    @Override
    public float toKpa(int adc) {
      double result = 0;
      for (int i = coefficients.length - 1; i >= 0; i--) {
        result = result * adc + coefficients[i];
      }
      return (float) Math.max(0, result);
    }
  }

  /**
   * Force-sensitive resistor in a divider: R = rRef·adc/(full − adc), p = a·R^b (DIY FSR practice);
   * a saturated or open reading maps to 0.
   */
  record DividerPower(double rRef, double a, double b, int full) implements CellCalibration {
    @Override
    public float toKpa(int adc) {
      if (adc <= 0 || adc >= full) {
        return 0;
      }
      double resistance = rRef * adc / (full - adc);
      return (float) Math.max(0, a * Math.pow(resistance, b));
    }
  }
}
