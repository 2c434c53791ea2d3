package com.plantar.gait.recording;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PhysioNet gaitpdb walk: whitespace-separated rows of time (s), 8 left sensor forces (N),
 * 8 right sensor forces (N), left total, right total. The sensor positions are the database's
 * (format.txt), in its arbitrary units scaled so heel to toe sensor is 200 mm, turned into the foot
 * frame (x lateral, y towards the toes). Sensor areas are unknown, so no pressures.
 */
public final class GaitpdbReader {

  /** Database X, Y of sensors 1..8 of the left foot (the right foot mirrors X). */
  private static final double[][] LEFT_XY = {
    {-500, -800}, {-700, -400}, {-300, -400}, {-700, 0}, {-300, 0}, {-700, 400}, {-300, 400},
    {-500, 800}
  };
  private static final double MM_PER_UNIT = 200.0 / 1600;

  private GaitpdbReader() {}

  public static FootLayout layout() {
    List<FootLayout.Cell> cells = new ArrayList<>();
    for (double[] xy : LEFT_XY) {
      // Left foot: database X grows to the subject's right, i.e. medially; lateral is -X.
      cells.add(new FootLayout.Cell(-xy[0] * MM_PER_UNIT, xy[1] * MM_PER_UNIT, 0));
    }
    return new FootLayout(cells, CellUnit.NEWTON);
  }

  public static Recording read(Path file) throws RecordingException {
    List<long[]> times = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty()) {
          continue;
        }
        String[] f = s.split("\\s+");
        if (f.length < 17) {
          throw new RecordingException(file, "line " + lineNo + ": expected 19 columns, got " + f.length);
        }
        float[] v = new float[16];
        try {
          times.add(new long[] {Math.round(Double.parseDouble(f[0]) * 1e6)});
          for (int i = 0; i < 16; i++) {
            v[i] = Float.parseFloat(f[i + 1]);
          }
        } catch (NumberFormatException e) {
          throw new RecordingException(file, "line " + lineNo + ": not a number", e);
        }
        rows.add(v);
      }
    } catch (IOException e) {
      throw new RecordingException(file, "cannot read", e);
    }
    if (rows.isEmpty()) {
      throw new RecordingException(file, "no samples");
    }
    int n = rows.size();
    long[] t = new long[n];
    float[][] left = new float[n][8];
    float[][] right = new float[n][8];
    for (int i = 0; i < n; i++) {
      t[i] = times.get(i)[0];
      System.arraycopy(rows.get(i), 0, left[i], 0, 8);
      System.arraycopy(rows.get(i), 8, right[i], 0, 8);
    }
    FootLayout layout = layout();
    return new Recording(Recordings.baseName(file), RecordingFormat.GAITPDB, "N",
        new FootRecording(t, null, left, layout, null),
        new FootRecording(t.clone(), null, right, layout, null));
  }
}
