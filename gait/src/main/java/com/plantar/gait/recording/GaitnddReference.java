package com.plantar.gait.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The database authors' per-stride table ({@code NAME.ts}) of a gaitndd record. Each row is
 * stamped at a left initial contact and describes the left stride that ends there; its stance
 * belongs to that stride (it starts at the previous row's time).
 */
public final class GaitnddReference {

  /** One row; times in seconds. */
  public record Row(
      double leftInitialContactS,
      double leftStrideS,
      double rightStrideS,
      double leftSwingS,
      double rightSwingS,
      double leftStanceS,
      double rightStanceS,
      double doubleSupportS) {

    /**
     * Whether the row's double support can be right: both feet on the ground is part of the left
     * stance, so it cannot exceed it. In the shared records it does in 129 of 7,739 rows (als5 91,
     * where the right sensor is dead from 169 s; als7 36, where both feet load and unload
     * together; the last row of hunt13 and of park7), and only there does the authors' double
     * support differ from their own left stance minus right swing.
     */
    public boolean doubleSupportWithinStance() {
      return doubleSupportS >= 0 && doubleSupportS <= leftStanceS;
    }
  }

  private GaitnddReference() {}

  public static List<Row> read(Path record) throws RecordingException {
    Path ts = GaitnddReader.sibling(record, ".ts");
    List<Row> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(ts)) {
        String s = line.strip();
        if (s.isEmpty()) {
          continue;
        }
        String[] f = s.split("\\s+");
        if (f.length < 13) {
          throw new RecordingException(ts, "expected 13 columns: " + line);
        }
        rows.add(new Row(d(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[7]), d(f[8]), d(f[11])));
      }
    } catch (IOException e) {
      throw new RecordingException(ts, "cannot read reference table", e);
    } catch (NumberFormatException e) {
      throw new RecordingException(ts, "not a number", e);
    }
    return rows;
  }

  private static double d(String s) {
    return Double.parseDouble(s);
  }
}
