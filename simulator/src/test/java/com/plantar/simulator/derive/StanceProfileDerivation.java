package com.plantar.simulator.derive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives the simulator's per-cell stance profiles from the recordings in {@code plantar.sharedData}
 * and writes them as the resource {@code stance-profiles.tsv}. Run it with
 * {@code ./mvnw -B -q -pl simulator -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.plantar.simulator.derive.StanceProfileDerivation -Dexec.args=OUT}
 * or through {@code StanceProfileResourceTest}, which re-derives the table and checks that the
 * committed resource matches it.
 *
 * <p>Method, per layout: each recording's body weight is the mean of left plus right total force
 * (over whole strides the vertical force averages to body weight). A stance is a run of total foot
 * force above 8 % of body weight lasting 0.35 to 1.3 s (shorter runs are flicker, longer ones
 * standing). Each stance's cell forces, divided by body weight, are resampled at 2 % steps of stance
 * (51 points) and averaged over every stance of both feet. Moticon cell areas come from a least
 * squares fit of the vendor's total force to the cell pressures, cell positions from a fit of the
 * vendor's centre of pressure; gaitpdb positions are the coordinates in its {@code format.txt}.
 */
public final class StanceProfileDerivation {
  static final int POINTS = 51;
  private static final double STANCE_ON = 0.08;
  private static final double MIN_STANCE_S = 0.35;
  private static final double MAX_STANCE_S = 1.3;

  private StanceProfileDerivation() {}

  public static void main(String[] args) throws IOException {
    Path sharedData = Path.of(System.getProperty("plantar.sharedData", "../shared/data"));
    Path out = Path.of(args.length > 0 ? args[0]
        : "simulator/src/main/resources/com/plantar/simulator/model/stance-profiles.tsv");
    Files.writeString(out, derive(sharedData), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** The resource text, byte for byte. */
  public static String derive(Path sharedData) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("""
        # Plantar simulator: mean normalised per-cell stance profiles (cell force / body weight at
        # 0, 2, ..., 100 % of stance) with cell positions (x lateral +, y heel 0 -> toe 1, fractions of
        # insole width and length) and areas. Derived by
        # com.plantar.simulator.derive.StanceProfileDerivation (simulator test sources) from:
        # - moticon16: Moticon OpenGo test recordings 230927_102114, 230927_102137 and
        #   walk_data_with_events (github.com/moticon-rego/moticon-opengo, tests/testdata at commit
        #   086e045, Apache License 2.0). Areas (size 7 insole) fitted to the vendor's total force,
        #   positions to its centre of pressure (medial side: the toe cell loaded most at push-off).
        # - gaitpdb8: PhysioNet "Gait in Parkinson's Disease" v1.0.0 (Frenkel-Toledo S et al., J
        #   NeuroEng Rehabil 2005; Hausdorff JM et al., Eur J Neurosci 2007; Yogev G et al., Eur J
        #   Neurosci 2005; Goldberger AL et al., Circulation 2000; Open Data Commons Attribution),
        #   8 walks. Positions from the sensor coordinates in format.txt; areas are nominal (not in
        #   the data).
        # Columns: layout NAME stances N | cell I x y area_mm2 | profile I v0 .. v50
        """);
    appendLayout(text, "moticon16", moticon(sharedData.resolve("moticon")));
    appendLayout(text, "gaitpdb8", gaitpdb(sharedData.resolve("gaitpdb")));
    return text.toString();
  }

  private static void appendLayout(StringBuilder text, String name, Derived derived) {
    text.append(String.format(Locale.ROOT, "layout\t%s\tstances\t%d%n", name, derived.stances));
    int cells = derived.x.length;
    for (int c = 0; c < cells; c++) {
      text.append(String.format(Locale.ROOT, "cell\t%d\t%.3f\t%.3f\t%.0f%n",
          c, derived.x[c], derived.y[c], derived.areaMm2[c]));
    }
    for (int c = 0; c < cells; c++) {
      text.append("profile\t").append(c);
      for (int p = 0; p < POINTS; p++) {
        text.append(String.format(Locale.ROOT, "\t%.4f", derived.profile[c][p]));
      }
      text.append('\n');
    }
  }

  record Derived(double[] x, double[] y, double[] areaMm2, double[][] profile, int stances) {}

  /** One foot's recording: times (s) and cell forces (N); NaN rows are missing samples. */
  record FootSeries(double[] t, double[][] cellForce) {}

  // ---------------------------------------------------------------------------------------- gaitpdb

  private static final double[][] GAITPDB_XY = {
      {-500, -800}, {-700, -400}, {-300, -400}, {-700, 0}, {-300, 0}, {-700, 400}, {-300, 400},
      {-500, 800}};
  private static final double GAITPDB_NOMINAL_AREA_MM2 = 500;

  private static Derived gaitpdb(Path dir) throws IOException {
    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches("[A-Za-z]{4}\\d\\d_\\d\\d\\.txt"))
          .sorted().toList();
    }
    Accumulator acc = new Accumulator(8);
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      int n = lines.size();
      double[] t = new double[n];
      double[][] left = new double[n][8];
      double[][] right = new double[n][8];
      double weightSum = 0;
      for (int i = 0; i < n; i++) {
        String[] cols = lines.get(i).trim().split("\\s+");
        t[i] = Double.parseDouble(cols[0]);
        for (int c = 0; c < 8; c++) {
          left[i][c] = Double.parseDouble(cols[1 + c]);
          right[i][c] = Double.parseDouble(cols[9 + c]);
        }
        weightSum += Double.parseDouble(cols[17]) + Double.parseDouble(cols[18]);
      }
      double bodyWeight = weightSum / n;
      acc.addStances(new FootSeries(t, left), bodyWeight);
      acc.addStances(new FootSeries(t, right), bodyWeight);
    }
    double[] x = new double[8];
    double[] y = new double[8];
    double[] area = new double[8];
    for (int c = 0; c < 8; c++) {
      // Left-foot coordinates: more negative X is lateral; Y spans the insole from heel to toe.
      x[c] = (-GAITPDB_XY[c][0] - 500) / 800;
      y[c] = 0.1 + 0.8 * (GAITPDB_XY[c][1] + 800) / 1600;
      area[c] = GAITPDB_NOMINAL_AREA_MM2;
    }
    return new Derived(x, y, area, acc.mean(), acc.stances);
  }

  // ---------------------------------------------------------------------------------------- moticon

  private static final String[] MOTICON_FILES = {
      "230927_102114.txt", "230927_102137.txt", "walk_data_with_events_text_export.txt"};
  private static final int MOTICON_CELLS = 16;
  private static final int LEFT_FIRST_COLUMN = 1;
  private static final int RIGHT_FIRST_COLUMN = 26;
  private static final int TOTAL_FORCE_OFFSET = 22;
  private static final int COP_X_OFFSET = 23;
  private static final int COP_Y_OFFSET = 24;

  private static Derived moticon(Path dir) throws IOException {
    Accumulator acc = new Accumulator(MOTICON_CELLS);
    double[] x = null;
    double[] y = null;
    double[] areaMm2 = null;
    for (String name : MOTICON_FILES) {
      List<double[]> rows = readMoticon(dir.resolve(name));
      FootSeries left = moticonFoot(rows, LEFT_FIRST_COLUMN);
      FootSeries right = moticonFoot(rows, RIGHT_FIRST_COLUMN);
      double[] leftArea = fitAreas(rows, LEFT_FIRST_COLUMN);
      double[] rightArea = fitAreas(rows, RIGHT_FIRST_COLUMN);
      scale(left, leftArea);
      scale(right, rightArea);
      double bodyWeight = meanBothFeet(rows);
      acc.addStances(left, bodyWeight);
      acc.addStances(right, bodyWeight);
      if (x == null) {
        // The first recording is the size 7 pair: its geometry is the one announced.
        double[][] position = fitPositions(rows, LEFT_FIRST_COLUMN, leftArea);
        x = position[0];
        y = position[1];
        areaMm2 = new double[MOTICON_CELLS];
        for (int c = 0; c < MOTICON_CELLS; c++) {
          areaMm2[c] = leftArea[c] * 100;
        }
      }
    }
    double[][] profile = acc.mean();
    orientMedialNegative(x, profile);
    return new Derived(x, y, areaMm2, profile, acc.stances);
  }

  /** Rows of numbers; an empty field is NaN. */
  private static List<double[]> readMoticon(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      double[] row = new double[RIGHT_FIRST_COLUMN + 25];
      for (int i = 0; i < row.length; i++) {
        row[i] = i < cols.length && !cols[i].isEmpty() ? parseOrNaN(cols[i]) : Double.NaN;
      }
      rows.add(row);
    }
    return rows;
  }

  private static double parseOrNaN(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static FootSeries moticonFoot(List<double[]> rows, int first) {
    double[] t = new double[rows.size()];
    double[][] pressure = new double[rows.size()][MOTICON_CELLS];
    for (int i = 0; i < rows.size(); i++) {
      double[] row = rows.get(i);
      t[i] = row[0];
      for (int c = 0; c < MOTICON_CELLS; c++) {
        pressure[i][c] = row[first + c];
      }
    }
    return new FootSeries(t, pressure);
  }

  private static void scale(FootSeries foot, double[] areaCm2) {
    for (double[] row : foot.cellForce) {
      for (int c = 0; c < row.length; c++) {
        row[c] *= areaCm2[c];
      }
    }
  }

  private static double meanBothFeet(List<double[]> rows) {
    double sum = 0;
    int n = 0;
    for (double[] row : rows) {
      double total = row[LEFT_FIRST_COLUMN + TOTAL_FORCE_OFFSET] + row[RIGHT_FIRST_COLUMN + TOTAL_FORCE_OFFSET];
      if (!Double.isNaN(total)) {
        sum += total;
        n++;
      }
    }
    return sum / n;
  }

  /** Least squares: total force (N) = sum of pressure (N/cm²) times area (cm²). */
  private static double[] fitAreas(List<double[]> rows, int first) {
    LeastSquares fit = new LeastSquares(MOTICON_CELLS);
    double[] a = new double[MOTICON_CELLS];
    for (double[] row : rows) {
      double total = row[first + TOTAL_FORCE_OFFSET];
      if (Double.isNaN(total) || !complete(row, first)) {
        continue;
      }
      System.arraycopy(row, first, a, 0, MOTICON_CELLS);
      fit.add(a, total);
    }
    return fit.solve();
  }

  /** Least squares: CoP times total force = sum of cell force times cell position, per axis. */
  private static double[][] fitPositions(List<double[]> rows, int first, double[] areaCm2) {
    LeastSquares alongX = new LeastSquares(MOTICON_CELLS);
    LeastSquares alongY = new LeastSquares(MOTICON_CELLS);
    double[] force = new double[MOTICON_CELLS];
    for (double[] row : rows) {
      double total = row[first + TOTAL_FORCE_OFFSET];
      if (Double.isNaN(total) || total < 50 || !complete(row, first)) {
        continue;
      }
      double sum = 0;
      for (int c = 0; c < MOTICON_CELLS; c++) {
        force[c] = row[first + c] * areaCm2[c];
        sum += force[c];
      }
      alongX.add(force, row[first + COP_X_OFFSET] * sum);
      alongY.add(force, row[first + COP_Y_OFFSET] * sum);
    }
    // Moticon's CoP X runs along the foot (-0.5 heel, +0.5 toe) and Y across it.
    double[] length = alongX.solve();
    double[] width = alongY.solve();
    double[] x = new double[MOTICON_CELLS];
    double[] y = new double[MOTICON_CELLS];
    for (int c = 0; c < MOTICON_CELLS; c++) {
      x[c] = width[c];
      y[c] = length[c] + 0.5;
    }
    return new double[][] {x, y};
  }

  private static boolean complete(double[] row, int first) {
    for (int c = 0; c < MOTICON_CELLS; c++) {
      if (Double.isNaN(row[first + c])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Our x is lateral-positive. The hallux (the most loaded cell in the last tenth of stance) is
   * medial; flip the fitted axis so that it is negative.
   */
  private static void orientMedialNegative(double[] x, double[][] profile) {
    int hallux = 0;
    double best = -1;
    for (int c = 0; c < x.length; c++) {
      double late = 0;
      for (int p = POINTS - 6; p < POINTS - 1; p++) {
        late += profile[c][p];
      }
      if (late > best) {
        best = late;
        hallux = c;
      }
    }
    if (x[hallux] > 0) {
      for (int c = 0; c < x.length; c++) {
        x[c] = -x[c];
      }
    }
  }

  // ------------------------------------------------------------------------------------ shared math

  /** Sums time-normalised stances of cell force over body weight. */
  static final class Accumulator {
    final double[][] sum;
    int stances;

    Accumulator(int cells) {
      sum = new double[cells][POINTS];
    }

    void addStances(FootSeries foot, double bodyWeight) {
      int n = foot.t.length;
      int cells = sum.length;
      double[] total = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int c = 0; c < cells; c++) {
          s += foot.cellForce[i][c];
        }
        total[i] = s;
      }
      double on = STANCE_ON * bodyWeight;
      int i = 0;
      while (i < n) {
        if (!(total[i] > on)) {
          i++;
          continue;
        }
        int start = i;
        while (i < n && total[i] > on) {
          i++;
        }
        int end = i; // exclusive
        boolean bounded = start > 0 && end < n && !Double.isNaN(total[start - 1]) && !Double.isNaN(total[end]);
        double duration = foot.t[end - 1] - foot.t[start];
        if (bounded && duration >= MIN_STANCE_S && duration <= MAX_STANCE_S) {
          addStance(foot, start, end, bodyWeight);
        }
      }
    }

    private void addStance(FootSeries foot, int start, int end, double bodyWeight) {
      double t0 = foot.t[start];
      double span = foot.t[end - 1] - t0;
      for (int p = 0; p < POINTS; p++) {
        double target = t0 + span * p / (POINTS - 1);
        int j = start;
        while (j < end - 2 && foot.t[j + 1] < target) {
          j++;
        }
        double f = (target - foot.t[j]) / (foot.t[j + 1] - foot.t[j]);
        f = Math.max(0, Math.min(1, f));
        for (int c = 0; c < sum.length; c++) {
          double v = foot.cellForce[j][c] * (1 - f) + foot.cellForce[j + 1][c] * f;
          sum[c][p] += Math.max(0, v) / bodyWeight;
        }
      }
      stances++;
    }

    double[][] mean() {
      double[][] mean = new double[sum.length][POINTS];
      for (int c = 0; c < sum.length; c++) {
        for (int p = 0; p < POINTS; p++) {
          mean[c][p] = sum[c][p] / stances;
        }
      }
      return mean;
    }
  }

  /** Ordinary least squares by the normal equations (small, well-conditioned systems only). */
  static final class LeastSquares {
    private final double[][] ata;
    private final double[] atb;

    LeastSquares(int unknowns) {
      ata = new double[unknowns][unknowns];
      atb = new double[unknowns];
    }

    void add(double[] row, double target) {
      for (int i = 0; i < atb.length; i++) {
        atb[i] += row[i] * target;
        for (int j = 0; j < atb.length; j++) {
          ata[i][j] += row[i] * row[j];
        }
      }
    }

    double[] solve() {
      int n = atb.length;
      double[][] m = new double[n][n + 1];
      for (int i = 0; i < n; i++) {
        System.arraycopy(ata[i], 0, m[i], 0, n);
        m[i][n] = atb[i];
      }
      for (int col = 0; col < n; col++) {
        int pivot = col;
        for (int r = col + 1; r < n; r++) {
          if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
            pivot = r;
          }
        }
        double[] swap = m[col];
        m[col] = m[pivot];
        m[pivot] = swap;
        for (int r = 0; r < n; r++) {
          if (r != col) {
            double k = m[r][col] / m[col][col];
            for (int k2 = col; k2 <= n; k2++) {
              m[r][k2] -= k * m[col][k2];
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
