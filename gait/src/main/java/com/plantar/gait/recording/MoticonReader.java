package com.plantar.gait.recording;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import com.plantar.gait.recording.MoticonExport.EventKind;
import com.plantar.gait.recording.MoticonExport.VendorEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a Moticon OpenGo tab-separated text export: {@code #} header lines (the last names the
 * columns), then one row per sample; a foot's fields are empty while it sent nothing.
 *
 * <p>The export does not state where the 16 cells sit, but it carries the vendor's total force and
 * centre of pressure, which are exactly Σ pᵢaᵢ and Σ pᵢaᵢxᵢ / Σ pᵢaᵢ: the reader recovers each
 * cell's area aᵢ and position xᵢ by least squares over the loaded samples (the fit is exact to
 * rounding on the exports at hand). The vendor's normalised coordinates (X heel → toe, Y lateral
 * → medial, each −0.5…+0.5) become millimetres with an insole length of 210 + 10 × size mm and a
 * width of 0.37 × length, an approximation stated in METRICS.md. Pressures are N/cm² (×10 = kPa).
 */
public final class MoticonReader {

  private static final double KPA_PER_N_PER_CM2 = 10;
  private static final double MM2_PER_CM2 = 100;
  private static final int CELLS = 16;

  private MoticonReader() {}

  public static Recording read(Path file) throws RecordingException {
    return readExport(file).recording();
  }

  public static MoticonExport readExport(Path file) throws RecordingException {
    List<String> lines;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = in.lines().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new RecordingException(file, "cannot read", e);
    }
    String[] header = null;
    int size = 7;
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("# time")) {
        header = line.substring(2).split("\t", -1);
      } else if (line.startsWith("# Size:")) {
        try {
          size = Integer.parseInt(line.substring(7).strip());
        } catch (NumberFormatException e) {
          throw new RecordingException(file, "bad insole size: " + line, e);
        }
      } else if (!line.startsWith("#") && !line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    if (header == null) {
      throw new RecordingException(file, "no '# time' column header: not a Moticon text export");
    }
    Columns columns = new Columns(file, Arrays.asList(header));
    double lengthMm = 210 + 10 * size;
    double widthMm = 0.37 * lengthMm;
    FootRecording left = foot(file, rows, columns, "left", lengthMm, widthMm);
    FootRecording right = foot(file, rows, columns, "right", lengthMm, widthMm);
    List<VendorEvent> events = events(rows, columns);
    String name = Recordings.baseName(file);
    return new MoticonExport(
        new Recording(name, RecordingFormat.MOTICON, "N", left, right), events);
  }

  private static FootRecording foot(Path file, List<String[]> rows, Columns c, String side,
      double lengthMm, double widthMm) throws RecordingException {
    int[] cells = new int[CELLS];
    for (int i = 0; i < CELLS; i++) {
      cells[i] = c.require(side + " pressure " + (i + 1) + "[N/cm²]");
    }
    int total = c.require(side + " total force[N]");
    int copX = c.require(side + " center of pressure X[-0.5...+0.5]");
    int copY = c.require(side + " center of pressure Y[-0.5...+0.5]");
    List<Long> times = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    List<double[]> vendor = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      if (row.length <= cells[CELLS - 1] || row[cells[0]].isEmpty()) {
        continue; // the foot sent nothing at this time; the engine sees the time step
      }
      try {
        float[] v = new float[CELLS];
        for (int i = 0; i < CELLS; i++) {
          v[i] = Float.parseFloat(row[cells[i]]);
        }
        times.add(Math.round(Double.parseDouble(row[0]) * 1e6));
        values.add(v);
        vendor.add(new double[] {
            Double.parseDouble(row[total]), Double.parseDouble(row[copX]),
            Double.parseDouble(row[copY])});
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new RecordingException(file, "row " + (r + 1) + " (" + side + "): not a number", e);
      }
    }
    if (times.isEmpty()) {
      return null;
    }
    FootLayout layout = fitLayout(file, side, values, vendor, lengthMm, widthMm);
    int n = times.size();
    long[] t = new long[n];
    float[][] kpa = new float[n][];
    for (int i = 0; i < n; i++) {
      t[i] = times.get(i);
      float[] v = values.get(i);
      for (int k = 0; k < CELLS; k++) {
        v[k] *= (float) KPA_PER_N_PER_CM2;
      }
      kpa[i] = v;
    }
    return new FootRecording(t, null, kpa, layout, null);
  }

  /** Least-squares recovery of cell areas and positions from the vendor's force and CoP. */
  private static FootLayout fitLayout(Path file, String side, List<float[]> pressures,
      List<double[]> vendor, double lengthMm, double widthMm) throws RecordingException {
    double maxForce = vendor.stream().mapToDouble(v -> v[0]).max().orElse(0);
    LeastSquares area = new LeastSquares(CELLS);
    LeastSquares momentX = new LeastSquares(CELLS);
    LeastSquares momentY = new LeastSquares(CELLS);
    int loaded = 0;
    for (int i = 0; i < pressures.size(); i++) {
      double[] p = toDouble(pressures.get(i));
      double[] v = vendor.get(i);
      area.add(p, v[0]);
      if (v[0] > 0.1 * maxForce) {
        momentX.add(p, v[0] * v[1]);
        momentY.add(p, v[0] * v[2]);
        loaded++;
      }
    }
    double[] a = area.solve();
    double[] bx = momentX.solve();
    double[] by = momentY.solve();
    if (a == null || bx == null || by == null || loaded < 4 * CELLS) {
      throw new RecordingException(file, side + " foot: too few loaded samples to place the cells");
    }
    List<FootLayout.Cell> cells = new ArrayList<>();
    for (int i = 0; i < CELLS; i++) {
      if (!(a[i] > 0)) {
        throw new RecordingException(file, side + " foot: cell " + (i + 1)
            + " gets no positive area from the vendor's total force");
      }
      double alongLength = bx[i] / a[i];
      double towardsMedial = by[i] / a[i];
      cells.add(new FootLayout.Cell(-towardsMedial * widthMm, (alongLength + 0.5) * lengthMm,
          a[i] * MM2_PER_CM2));
    }
    return new FootLayout(cells, CellUnit.KILOPASCAL);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static List<VendorEvent> events(List<String[]> rows, Columns c) {
    List<VendorEvent> out = new ArrayList<>();
    int[][] columns = {
      {c.find("left steps[]"), 0}, {c.find("right steps[]"), 1},
      {c.find("Left Events[]"), 0}, {c.find("Right Events[]"), 1}
    };
    for (String[] row : rows) {
      for (int[] col : columns) {
        if (col[0] < 0 || col[0] >= row.length || row[col[0]].isBlank()) {
          continue;
        }
        int code = (int) Math.round(Double.parseDouble(row[col[0]]));
        EventKind kind = switch (code) {
          case 11, 21, 1 -> EventKind.INITIAL_CONTACT;
          case 15, 25 -> EventKind.TOE_OFF;
          case 2 -> EventKind.EVENT_2;
          default -> null;
        };
        if (kind != null) {
          out.add(new VendorEvent(col[1] == 0 ? FootSide.LEFT : FootSide.RIGHT, kind,
              Math.round(Double.parseDouble(row[0]) * 1e6)));
        }
      }
    }
    return out;
  }

  private record Columns(Path file, List<String> names) {
    int find(String name) {
      return names.indexOf(name);
    }

    int require(String name) throws RecordingException {
      int i = names.indexOf(name);
      if (i < 0) {
        throw new RecordingException(file, "missing column '" + name + "'");
      }
      return i;
    }
  }

  /** Normal equations with a tiny ridge, solved by Gaussian elimination with partial pivoting. */
  private static final class LeastSquares {
    private final int n;
    private final double[][] ata;
    private final double[] atb;

    LeastSquares(int n) {
      this.n = n;
      this.ata = new double[n][n];
      this.atb = new double[n];
    }

    void add(double[] row, double target) {
      for (int i = 0; i < n; i++) {
        atb[i] += row[i] * target;
        for (int j = 0; j < n; j++) {
          ata[i][j] += row[i] * row[j];
        }
      }
    }

    double[] solve() {
      double[][] m = new double[n][n + 1];
      double trace = 0;
      for (int i = 0; i < n; i++) {
        trace += ata[i][i];
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(ata[i], 0, m[i], 0, n);
        m[i][i] += 1e-9 * trace / n;
        m[i][n] = atb[i];
      }
      for (int col = 0; col < n; col++) {
        int pivot = col;
        for (int r = col + 1; r < n; r++) {
          if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
            pivot = r;
          }
        }
        if (Math.abs(m[pivot][col]) < 1e-12) {
          return null;
        }
        double[] tmp = m[col];
        m[col] = m[pivot];
        m[pivot] = tmp;
        for (int r = 0; r < n; r++) {
          if (r != col) {
            double f = m[r][col] / m[col][col];
            for (int k = col; k <= n; k++) {
              m[r][k] -= f * m[col][k];
            }
          }
        }
      }
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = m[i][n] / m[i][i];
      }
      return x;
    }
  }
}
