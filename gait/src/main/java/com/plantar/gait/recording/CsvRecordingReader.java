package com.plantar.gait.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simple CSV format: a header line {@code time_s,left_force,right_force} followed by one
 * row per sample (time in seconds; forces in any one unit; an empty field means that foot has no
 * sample at that time). Lines starting with {@code #} are comments.
 */
public final class CsvRecordingReader {

  static final String HEADER = "time_s,left_force,right_force";

  private CsvRecordingReader() {}

  public static Recording read(Path file) throws RecordingException {
    Channel left = new Channel();
    Channel right = new Channel();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int lineNo = 0;
      boolean header = false;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        if (!header) {
          if (!s.replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new RecordingException(file, "expected header '" + HEADER + "', got: " + s);
          }
          header = true;
          continue;
        }
        String[] f = s.split(",", -1);
        if (f.length != 3) {
          throw new RecordingException(file, "line " + lineNo + ": expected 3 fields");
        }
        try {
          long t = Math.round(Double.parseDouble(f[0].strip()) * 1e6);
          left.add(t, f[1].strip());
          right.add(t, f[2].strip());
        } catch (NumberFormatException e) {
          throw new RecordingException(file, "line " + lineNo + ": not a number", e);
        }
      }
      if (!header) {
        throw new RecordingException(file, "empty: expected header '" + HEADER + "'");
      }
    } catch (IOException e) {
      throw new RecordingException(file, "cannot read", e);
    }
    return new Recording(Recordings.baseName(file), RecordingFormat.CSV, "N",
        left.toFoot(), right.toFoot());
  }

  private static final class Channel {
    final List<Long> times = new ArrayList<>();
    final List<Float> values = new ArrayList<>();

    void add(long t, String field) {
      if (!field.isEmpty()) {
        times.add(t);
        values.add(Float.parseFloat(field));
      }
    }

    FootRecording toFoot() {
      if (times.isEmpty()) {
        return null;
      }
      long[] t = times.stream().mapToLong(Long::longValue).toArray();
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i);
      }
      return new FootRecording(t, v, null, null, null);
    }
  }
}
