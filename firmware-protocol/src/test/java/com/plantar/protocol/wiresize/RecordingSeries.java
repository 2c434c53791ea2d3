package com.plantar.protocol.wiresize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the pressure (and IMU) columns of the recordings in {@code ../shared/data} and quantizes them
 * to what an insole would put on the wire. Quantization (stated in PROTOCOL.md §15):
 * <ul>
 *   <li>Moticon: 1 count = 0.25 N/cm² (the export's own resolution); acceleration 0.000488 g and
 *       rotation 0.07 dps per count (the LSB sizes of the HELLO example's LSM6DSOX).
 *   <li>gaitpdb: 1 count = 0.25 N of vertical force per sensor (12 bits cover 1 kN).
 * </ul>
 * Only the columns a wire-size estimate needs; the gait module has the full readers.
 */
final class RecordingSeries {
  private RecordingSeries() {}

  /** Moticon text export: time, 16 left cells, 6 left IMU, …; right foot 25 columns later. */
  static List<FootSeries> moticon(Path file) throws IOException {
    List<FootSeries> feet = new ArrayList<>();
    for (int foot = 0; foot < 2; foot++) {
      int first = 1 + 25 * foot;
      List<int[]> pressure = new ArrayList<>();
      List<int[]> imu = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length < first + 22 || cells[first].isBlank() || cells[first + 21].isBlank()) {
          continue;
        }
        int[] p = new int[16];
        for (int c = 0; c < 16; c++) {
          p[c] = clamp(Math.round(Double.parseDouble(cells[first + c]) / 0.25), 0, 4095);
        }
        int[] m = new int[6];
        for (int a = 0; a < 6; a++) {
          double lsb = a < 3 ? 0.000488 : 0.07;
          m[a] = clamp(Math.round(Double.parseDouble(cells[first + 16 + a]) / lsb), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        pressure.add(p);
        imu.add(m);
      }
      if (!pressure.isEmpty()) {
        feet.add(new FootSeries(file.getFileName() + (foot == 0 ? " L" : " R"),
            pressure.toArray(int[][]::new), imu.toArray(int[][]::new)));
      }
    }
    return feet;
  }

  /** gaitpdb: time, 8 left sensors, 8 right sensors, two totals; newtons. */
  static List<FootSeries> gaitpdb(Path file) throws IOException {
    List<int[]> left = new ArrayList<>();
    List<int[]> right = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length < 17) {
        continue;
      }
      int[] l = new int[8];
      int[] r = new int[8];
      for (int c = 0; c < 8; c++) {
        l[c] = clamp(Math.round(Double.parseDouble(cells[1 + c]) / 0.25), 0, 4095);
        r[c] = clamp(Math.round(Double.parseDouble(cells[9 + c]) / 0.25), 0, 4095);
      }
      left.add(l);
      right.add(r);
    }
    String name = file.getFileName().toString();
    return List.of(new FootSeries(name + " L", left.toArray(int[][]::new), null),
        new FootSeries(name + " R", right.toArray(int[][]::new), null));
  }

  private static int clamp(long value, int min, int max) {
    return (int) Math.max(min, Math.min(max, value));
  }
}
