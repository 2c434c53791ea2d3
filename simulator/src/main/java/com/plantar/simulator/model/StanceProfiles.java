package com.plantar.simulator.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean per-cell stance profiles of one layout: force of each cell divided by body weight, at 2 %
 * steps of stance (51 points), as derived from the recordings (see the resource header and
 * {@code simulator/README.md}). Immutable.
 */
public final class StanceProfiles {
  /** Classpath resource holding every layout's table. */
  public static final String RESOURCE = "/com/plantar/simulator/model/stance-profiles.tsv";
  /** Points per profile: 0, 2, …, 100 % of stance. */
  public static final int POINTS = 51;

  private final SensorLayout layout;
  private final double[][] profile;
  private final double meanTotal;

  private StanceProfiles(SensorLayout layout, double[][] profile) {
    this.layout = layout;
    this.profile = profile;
    double sum = 0;
    for (int p = 0; p < POINTS; p++) {
      sum += total(p);
    }
    this.meanTotal = sum / POINTS;
  }

  /** The 16-cell Moticon OpenGo layout. */
  public static StanceProfiles moticon16() {
    return load("moticon16");
  }

  /** The 8-cell layout of PhysioNet's gaitpdb recordings. */
  public static StanceProfiles gaitpdb8() {
    return load("gaitpdb8");
  }

  /** Loads a layout by name from {@link #RESOURCE}; an unknown name is an IllegalArgumentException. */
  public static StanceProfiles load(String layoutName) {
    Map<String, StanceProfiles> all = loadAll();
    StanceProfiles found = all.get(layoutName);
    if (found == null) {
      throw new IllegalArgumentException("no layout " + layoutName + "; known: " + all.keySet());
    }
    return found;
  }

  private static Map<String, StanceProfiles> loadAll() {
    Map<String, StanceProfiles> layouts = new TreeMap<>();
    try (InputStream in = StanceProfiles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String name = null;
      List<Cell> cells = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        switch (f[0]) {
          case "layout" -> {
            if (name != null) {
              layouts.put(name, build(name, cells, rows));
            }
            name = f[1];
            cells = new ArrayList<>();
            rows = new ArrayList<>();
          }
          case "cell" -> cells.add(new Cell(Double.parseDouble(f[2]), Double.parseDouble(f[3]),
              Double.parseDouble(f[4])));
          case "profile" -> {
            double[] row = new double[POINTS];
            for (int p = 0; p < POINTS; p++) {
              row[p] = Double.parseDouble(f[2 + p]);
            }
            rows.add(row);
          }
          default -> throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
        }
      }
      if (name != null) {
        layouts.put(name, build(name, cells, rows));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return layouts;
  }

  private static StanceProfiles build(String name, List<Cell> cells, List<double[]> rows) {
    if (rows.size() != cells.size()) {
      throw new IllegalStateException(name + ": " + cells.size() + " cells, " + rows.size() + " profiles");
    }
    return new StanceProfiles(new SensorLayout(name, cells), rows.toArray(new double[0][]));
  }

  public SensorLayout layout() {
    return layout;
  }

  /** Cell force / body weight at stance phase {@code phase} (0…1), linearly interpolated. */
  public double value(int cell, double phase) {
    double at = Math.max(0, Math.min(1, phase)) * (POINTS - 1);
    int i = Math.min((int) at, POINTS - 2);
    double f = at - i;
    return profile[cell][i] * (1 - f) + profile[cell][i + 1] * f;
  }

  /** Sum over cells at table point {@code point}. */
  public double total(int point) {
    double sum = 0;
    for (double[] row : profile) {
      sum += row[point];
    }
    return sum;
  }

  /** Mean over stance of the summed profile: the stance impulse per body weight and stance time. */
  public double meanTotal() {
    return meanTotal;
  }
}
