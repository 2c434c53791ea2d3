package com.plantar.gait.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a PhysioNet gaitndd record: {@code NAME.hea} (WFDB header) and the two signal files it
 * names ({@code NAME.let}, {@code NAME.rit}), WFDB format 212 (two 12-bit two's-complement samples
 * in three bytes). Values are ADC units minus the header's ADC zero: force-sensitive resistor
 * output, roughly proportional to force but uncalibrated (unit "adc").
 */
public final class GaitnddReader {

  private GaitnddReader() {}

  /** @param record the record path without extension, e.g. {@code data/gaitndd/control1} */
  public static Recording read(Path record) throws RecordingException {
    Path header = sibling(record, ".hea");
    List<String> lines;
    try {
      lines = Files.readAllLines(header).stream()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new RecordingException(header, "cannot read WFDB header", e);
    }
    if (lines.size() < 3) {
      throw new RecordingException(header, "expected a record line and two signal lines");
    }
    String[] rec = lines.get(0).split("\\s+");
    double rate;
    int samples;
    try {
      rate = Double.parseDouble(rec[2].split("/")[0]);
      // The sample count is optional in WFDB; when given, each signal file must hold that many.
      samples = rec.length > 3 ? Integer.parseInt(rec[3]) : -1;
    } catch (RuntimeException e) {
      throw new RecordingException(
          header, "bad sampling frequency or length in: " + lines.get(0), e);
    }
    if (!(rate > 0 && rate < 1e6) || rec.length > 3 && samples < 0) {
      throw new RecordingException(header, "bad sampling frequency or length in: " + lines.get(0));
    }
    float[] left = null;
    float[] right = null;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\\s+");
      if (f.length < 5 || !f[1].startsWith("212")) {
        throw new RecordingException(header, "only WFDB format 212 signals are supported: " + line);
      }
      int zero;
      try {
        zero = Integer.parseInt(f[4]);
      } catch (NumberFormatException e) {
        throw new RecordingException(header, "bad ADC zero in: " + line, e);
      }
      float[] signal = decode212(record.resolveSibling(f[0]), zero, samples);
      String description = f.length > 8 ? f[8] : f[0];
      if (description.startsWith("left") || f[0].endsWith(".let")) {
        left = signal;
      } else {
        right = signal;
      }
    }
    if (left == null || right == null) {
      throw new RecordingException(header, "needs a left and a right signal");
    }
    return new Recording(record.getFileName().toString(), RecordingFormat.GAITNDD, "adc",
        foot(left, rate), foot(right, rate));
  }

  private static FootRecording foot(float[] signal, double rate) {
    long[] t = new long[signal.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.round(i * 1e6 / rate);
    }
    return new FootRecording(t, signal, null, null, null);
  }

  /** @param samples how many samples the header announces, or -1 for as many as the file holds */
  private static float[] decode212(Path file, int zero, int samples) throws RecordingException {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RecordingException(file, "cannot read signal file", e);
    }
    // One 212 file may interleave several signals; gaitndd stores one per file, two per 3 bytes
    // (an odd count leaves the last triple's second sample as padding).
    int held = b.length / 3 * 2;
    if (samples > held) {
      throw new RecordingException(file, "holds " + held + " of the " + samples
          + " samples its header announces (cut short?)");
    }
    int n = samples >= 0 ? samples : held;
    float[] out = new float[n];
    for (int i = 0, j = 0; i < n; i += 2, j += 3) {
      int b0 = b[j] & 0xff;
      int b1 = b[j + 1] & 0xff;
      int b2 = b[j + 2] & 0xff;
      out[i] = signExtend12(b0 | (b1 & 0x0f) << 8) - zero;
      if (i + 1 < n) {
        out[i + 1] = signExtend12(b2 | (b1 & 0xf0) << 4) - zero;
      }
    }
    return out;
  }

  private static int signExtend12(int v) {
    return v > 2047 ? v - 4096 : v;
  }

  static Path sibling(Path record, String extension) {
    return record.resolveSibling(record.getFileName() + extension);
  }
}
