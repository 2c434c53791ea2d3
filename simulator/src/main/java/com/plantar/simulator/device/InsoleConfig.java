package com.plantar.simulator.device;

import com.plantar.protocol.Encoding;
import com.plantar.simulator.model.Side;

/**
 * What one virtual insole is, immutable: identity, sampling, encoding and sensor imperfections.
 * {@code noiseCounts} is the ADC noise (standard deviation, counts); {@code driftCounts} the
 * amplitude of each cell's slow baseline drift; {@code deadCell} a cell that always reads 0 (−1 for
 * none); {@code saturationKpa} the pressure at which readings clip at full scale.
 */
public record InsoleConfig(long deviceId, Side side, int rateHz, int samplesPerFrame,
    Encoding encoding, double noiseCounts, double driftCounts, int deadCell, double saturationKpa,
    long seed) {
  public InsoleConfig {
    if (rateHz < 1 || rateHz > 1000) {
      throw new IllegalArgumentException("rate must be 1..1000 Hz: " + rateHz);
    }
    if (samplesPerFrame < 1 || samplesPerFrame > 1024) {
      throw new IllegalArgumentException("samples per frame must be 1..1024: " + samplesPerFrame);
    }
    if (noiseCounts < 0 || driftCounts < 0) {
      throw new IllegalArgumentException("noise and drift must not be negative");
    }
  }

  /** 100 Hz, 25 samples per frame, DELTA, a little noise and drift, no dead cell. */
  public static InsoleConfig typical(long deviceId, Side side, long seed) {
    return new InsoleConfig(deviceId, side, 100, 25, Encoding.DELTA, 3, 8, -1, 600, seed);
  }

  public InsoleConfig withSampling(int hz, int perFrame) {
    return new InsoleConfig(deviceId, side, hz, perFrame, encoding, noiseCounts, driftCounts,
        deadCell, saturationKpa, seed);
  }

  public InsoleConfig withImperfections(double noise, double drift, int dead, double saturation) {
    return new InsoleConfig(deviceId, side, rateHz, samplesPerFrame, encoding, noise, drift, dead,
        saturation, seed);
  }

  public InsoleConfig withEncoding(Encoding value) {
    return new InsoleConfig(deviceId, side, rateHz, samplesPerFrame, value, noiseCounts, driftCounts,
        deadCell, saturationKpa, seed);
  }
}
