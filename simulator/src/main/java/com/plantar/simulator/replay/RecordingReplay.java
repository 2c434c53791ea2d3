package com.plantar.simulator.replay;

import com.plantar.simulator.model.ForceSource;
import com.plantar.simulator.model.SensorLayout;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a real recording as an insole pair's forces, looping at its end: a Moticon OpenGo text
 * export (16 cells, N/cm², turned into newtons with the layout's cell areas) or a PhysioNet gaitpdb
 * walk (8 cells, N). The file is read from where the user keeps it; nothing is copied. Immutable
 * after loading.
 */
public final class RecordingReplay implements ForceSource {
  private static final int MOTICON_LEFT = 1;
  private static final int MOTICON_RIGHT = 26;

  private final SensorLayout layout;
  private final double periodUs;
  private final double[][] left;
  private final double[][] right;

  private RecordingReplay(SensorLayout layout, double periodUs, double[][] left, double[][] right) {
    this.layout = layout;
    this.periodUs = periodUs;
    this.left = left;
    this.right = right;
  }

  /** Loads a recording, telling the format by its content; a file of neither format is an IOException. */
  public static RecordingReplay load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean moticon = lines.stream().anyMatch(l -> l.startsWith("# time\tleft pressure 1"));
    return moticon ? moticon(file, lines) : gaitpdb(file, lines);
  }

  private static RecordingReplay moticon(Path file, List<String> lines) throws IOException {
    SensorLayout layout = StanceProfiles.moticon16().layout();
    List<double[]> left = new ArrayList<>();
    List<double[]> right = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      times.add(parse(cols, 0, file));
      left.add(moticonFoot(cols, MOTICON_LEFT, layout, left.isEmpty() ? null : left.get(left.size() - 1)));
      right.add(moticonFoot(cols, MOTICON_RIGHT, layout, right.isEmpty() ? null : right.get(right.size() - 1)));
    }
    return build(file, layout, times, left, right);
  }

  private static double[] moticonFoot(String[] cols, int first, SensorLayout layout, double[] previous) {
    double[] forces = new double[16];
    for (int c = 0; c < 16; c++) {
      String text = first + c < cols.length ? cols[first + c] : "";
      if (text.isEmpty()) {
        // A missing sample holds the previous one (the export leaves gaps when a foot drops out).
        return previous == null ? forces : previous;
      }
      forces[c] = Double.parseDouble(text) * layout.cell(c).areaMm2() / 100;
    }
    return forces;
  }

  private static RecordingReplay gaitpdb(Path file, List<String> lines) throws IOException {
    SensorLayout layout = StanceProfiles.gaitpdb8().layout();
    List<double[]> left = new ArrayList<>();
    List<double[]> right = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.trim().split("\\s+");
      if (cols.length < 19) {
        throw new IOException(file + ": neither a Moticon export nor a gaitpdb walk (19 columns)");
      }
      times.add(parse(cols, 0, file));
      double[] l = new double[8];
      double[] r = new double[8];
      for (int c = 0; c < 8; c++) {
        l[c] = parse(cols, 1 + c, file);
        r[c] = parse(cols, 9 + c, file);
      }
      left.add(l);
      right.add(r);
    }
    return build(file, layout, times, left, right);
  }

  private static RecordingReplay build(Path file, SensorLayout layout, List<Double> times,
      List<double[]> left, List<double[]> right) throws IOException {
    if (times.size() < 2) {
      throw new IOException(file + ": fewer than two samples");
    }
    double periodS = (times.get(times.size() - 1) - times.get(0)) / (times.size() - 1);
    if (!(periodS > 0)) {
      throw new IOException(file + ": time does not increase");
    }
    return new RecordingReplay(layout, periodS * 1e6, left.toArray(new double[0][]),
        right.toArray(new double[0][]));
  }

  private static double parse(String[] cols, int index, Path file) throws IOException {
    try {
      return Double.parseDouble(cols[index]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException(file + ": bad number in column " + (index + 1), e);
    }
  }

  @Override
  public SensorLayout layout() {
    return layout;
  }

  /** Samples in the recording (per foot). */
  public int samples() {
    return left.length;
  }

  @Override
  public void forces(Side side, long tUs, double[] out) {
    double[][] foot = side == Side.LEFT ? left : right;
    long index = Math.floorMod((long) Math.floor(tUs / periodUs), (long) foot.length);
    double[] row = foot[(int) index];
    for (int c = 0; c < out.length; c++) {
      out[c] = Math.max(0, row[c]);
    }
  }
}
