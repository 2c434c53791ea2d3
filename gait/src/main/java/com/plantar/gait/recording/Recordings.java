package com.plantar.gait.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a recording in any supported format, detecting the format when asked to. */
public final class Recordings {

  private Recordings() {}

  /**
   * @param path a file; for gaitndd the record path without extension (a path to its {@code .hea}
   *     also works)
   * @param format the format, or null to detect it
   */
  public static Recording read(Path path, RecordingFormat format) throws RecordingException {
    RecordingFormat f = format != null ? format : detect(path);
    return switch (f) {
      case GAITNDD -> GaitnddReader.read(stripHea(path));
      case GAITPDB -> GaitpdbReader.read(path);
      case MOTICON -> MoticonReader.read(path);
      case CSV -> CsvRecordingReader.read(path);
    };
  }

  /** Detects the format from the path and the first bytes of the file. */
  public static RecordingFormat detect(Path path) throws RecordingException {
    Path record = stripHea(path);
    if (Files.isRegularFile(GaitnddReader.sibling(record, ".hea")) && !Files.isRegularFile(path)
        || path.toString().endsWith(".hea")) {
      return RecordingFormat.GAITNDD;
    }
    if (Files.isDirectory(path)) {
      throw new RecordingException(path,
          "is a directory: name its recordings (a gaitndd record without its extension)");
    }
    if (!Files.isRegularFile(path)) {
      throw new RecordingException(path, "no such file (nor a gaitndd record with a .hea)");
    }
    String head;
    try (InputStream in = Files.newInputStream(path)) {
      head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RecordingException(path, "cannot read", e);
    }
    if (head.startsWith("#") && head.contains("# time\t")) {
      return RecordingFormat.MOTICON;
    }
    if (head.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("time_s")
        || head.startsWith("#") && head.contains(CsvRecordingReader.HEADER)) {
      return RecordingFormat.CSV;
    }
    String first = head.lines().findFirst().orElse("").strip();
    if (first.split("\\s+").length == 19) {
      return RecordingFormat.GAITPDB;
    }
    throw new RecordingException(path, "unknown recording format (use --format)");
  }

  private static Path stripHea(Path path) {
    String s = path.getFileName().toString();
    return s.endsWith(".hea") ? path.resolveSibling(s.substring(0, s.length() - 4)) : path;
  }

  /** File name without its last extension. */
  static String baseName(Path file) {
    String s = file.getFileName().toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }
}
