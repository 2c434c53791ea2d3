package com.plantar.simulator.device;

import com.plantar.simulator.model.Cell;
import com.plantar.simulator.model.SensorLayout;
import com.plantar.simulator.model.ForceSource;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * One insole's sensors: the wearer's gait model (or a replayed recording) gives each cell's force,
 * the cell's area turns it into pressure, and the inverse calibration into a raw ADC reading, with
 * noise, a slow baseline drift per cell, an optional dead cell and clipping at full scale. Also the HELLO layout and
 * calibration it announces, and their {@code config_id}.
 *
 * <p>Not thread-safe: owned by the wearer's simulation thread (the force source is shared
 * with the other insole of the pair on that thread).
 */
public final class VirtualInsole {
  private static final double DRIFT_PERIOD_S = 600;

  private final InsoleConfig config;
  private final ForceSource gait;
  private final SensorLayout layout;
  private final LutCalibration calibration;
  private final SplittableRandom random;
  private final double[] driftPhase;
  private final double[] forces;
  private final String pressureJson;
  private final long configId;

  public VirtualInsole(InsoleConfig config, ForceSource gait) {
    this.config = config;
    this.gait = gait;
    this.layout = gait.layout();
    if (config.deadCell() >= layout.cellCount()) {
      throw new IllegalArgumentException("dead cell " + config.deadCell() + " not in " + layout.name());
    }
    this.calibration = LutCalibration.fsr(config.saturationKpa());
    this.random = new SplittableRandom(config.seed());
    this.driftPhase = new double[layout.cellCount()];
    for (int c = 0; c < driftPhase.length; c++) {
      driftPhase[c] = random.nextDouble() * 2 * Math.PI;
    }
    this.forces = new double[layout.cellCount()];
    this.pressureJson = pressureJson(layout, calibration);
    CRC32C crc = new CRC32C();
    crc.update(pressureJson.getBytes(StandardCharsets.UTF_8));
    this.configId = crc.getValue();
  }

  public InsoleConfig config() {
    return config;
  }

  public SensorLayout layout() {
    return layout;
  }

  public LutCalibration calibration() {
    return calibration;
  }

  /** CRC-32C of the announced sensor map and calibration (the HELLO {@code pressure} object). */
  public long configId() {
    return configId;
  }

  public int cellCount() {
    return layout.cellCount();
  }

  /**
   * Writes the raw ADC reading of every cell at true time {@code trueUs} (µs since the wearer
   * started) into {@code adc} from {@code offset}; returns whether any reading is at full scale.
   */
  public boolean sample(long trueUs, int[] adc, int offset) {
    gait.forces(config.side(), trueUs, forces);
    boolean clipped = false;
    double t = trueUs / 1e6;
    for (int c = 0; c < forces.length; c++) {
      if (c == config.deadCell()) {
        adc[offset + c] = 0;
        continue;
      }
      double kpa = forces[c] / layout.cell(c).areaMm2() * 1000;
      double drift = config.driftCounts() * (1 + Math.sin(2 * Math.PI * t / DRIFT_PERIOD_S + driftPhase[c])) / 2;
      double reading = calibration.toAdc(kpa) + drift + config.noiseCounts() * random.nextGaussian();
      int value = (int) Math.round(Math.max(0, Math.min(LutCalibration.FULL_SCALE, reading)));
      adc[offset + c] = value;
      clipped |= value == LutCalibration.FULL_SCALE;
    }
    return clipped;
  }

  /** HELLO JSON (PROTOCOL.md §8) for the given boot, clock reading and flash backlog. */
  public String helloJson(long bootId, long monoNowUs, long backlogFrames, long oldestBoot, long oldestSeq) {
    StringBuilder s = new StringBuilder(256 + pressureJson.length());
    s.append("{\"v\":1,\"fw\":\"sim-1.0\",\"hw\":\"plantar-sim\",\"side\":\"")
        .append(config.side().code()).append("\",\"mount\":\"plantar\",")
        .append("\"size\":{\"system\":\"EU\",\"value\":42,\"length_mm\":265,\"width_mm\":96},")
        .append("\"boot_id\":").append(bootId)
        .append(",\"mono_now_us\":").append(monoNowUs)
        .append(",\"rate_hz\":").append(config.rateHz())
        .append(",\"batch\":").append(config.samplesPerFrame())
        .append(",\"config_id\":\"").append(String.format(Locale.ROOT, "%08x", configId)).append('"')
        .append(",\"pressure\":").append(pressureJson)
        .append(",\"backlog\":{\"frames\":").append(backlogFrames);
    if (backlogFrames > 0) {
      s.append(",\"oldest\":{\"boot\":").append(oldestBoot).append(",\"seq\":").append(oldestSeq).append('}');
    }
    return s.append("}}").toString();
  }

  private static String pressureJson(SensorLayout layout, LutCalibration calibration) {
    StringBuilder s = new StringBuilder("{\"adc_bits\":12,\"topology\":\"pulldown\",\"unit\":\"kPa\",\"layout\":\"")
        .append(layout.name()).append("\",\"count\":").append(layout.cellCount()).append(",\"sensors\":[");
    for (int c = 0; c < layout.cellCount(); c++) {
      Cell cell = layout.cell(c);
      s.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"i\":%d,\"x\":%.3f,\"y\":%.3f,\"area_mm2\":%.0f,\"cal\":%s}",
          c, cell.x(), cell.y(), cell.areaMm2(), calibration.json()));
    }
    return s.append("]}").toString();
  }
}
