package com.plantar.gait.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A damaged recording (cut short, bytes overwritten, a line replaced) is read or refused with a
 * {@link RecordingException} naming the file, never another exception, which {@code plantar
 * analyze} could only report as a crash. The shared recordings are copied to a temporary
 * directory and damaged there, in many ways drawn from a fixed seed (so a failure reproduces).
 */
class DamagedRecordingTest {

  private static final int DAMAGES = 100;
  private static final String[] TEXT = {
    "", "NaN", "Infinity", "-1e309", "1e40", "99999999999999999999", "\t\t\t", "0,,", "#", "-",
    "# time\t", CsvRecordingReader.HEADER, "als1.let 212", "x 2 0 90000", "3 1 2"
  };

  @TempDir Path tmp;

  /** One way of damaging a file: where, how, and the bytes written there. */
  private record Damage(String kind, int at, byte[] bytes) {

    static Damage random(Random random, int length) {
      byte[] bytes;
      if (random.nextBoolean()) {
        bytes = TEXT[random.nextInt(TEXT.length)].getBytes(StandardCharsets.UTF_8);
      } else {
        bytes = new byte[1 + random.nextInt(8)];
        random.nextBytes(bytes);
      }
      String[] kinds = {"truncate", "overwrite", "replace line"};
      return new Damage(kinds[random.nextInt(kinds.length)], random.nextInt(length + 1), bytes);
    }

    byte[] apply(byte[] file) {
      return switch (kind) {
        case "truncate" -> Arrays.copyOf(file, at);
        case "overwrite" -> {
          byte[] out = file.clone();
          System.arraycopy(bytes, 0, out, at, Math.min(bytes.length, out.length - at));
          yield out;
        }
        default -> {
          int start = at;
          while (start > 0 && file[start - 1] != '\n') {
            start--;
          }
          int end = at;
          while (end < file.length && file[end] != '\n') {
            end++;
          }
          byte[] out = new byte[start + bytes.length + file.length - end];
          System.arraycopy(file, 0, out, 0, start);
          System.arraycopy(bytes, 0, out, start, bytes.length);
          System.arraycopy(file, end, out, start + bytes.length, file.length - end);
          yield out;
        }
      };
    }

    @Override
    public String toString() {
      return kind + " at byte " + at + " with " + Arrays.toString(bytes);
    }
  }

  @ParameterizedTest(name = "{1}{2}")
  @CsvSource({
    "1, gaitndd/als1, .hea, GAITNDD",
    "2, gaitndd/als1, .let, GAITNDD",
    "3, gaitpdb/GaCo01_01, .txt, GAITPDB",
    "4, moticon/230927_102114, .txt, MOTICON"
  })
  void aDamagedSharedRecordingIsReadOrRefused(
      long seed, String shared, String extension, RecordingFormat format) throws IOException {
    Path record = copyOfShared(shared, extension);
    Path file = record.resolveSibling(record.getFileName() + extension);
    assertEveryDamageReadOrRefused(seed, format == RecordingFormat.GAITNDD ? record : file, file,
        format);
  }

  @Test
  void aDamagedCsvIsReadOrRefused() throws IOException {
    StringBuilder text = new StringBuilder(CsvRecordingReader.HEADER).append('\n');
    for (int i = 0; i < 400; i++) {
      double t = i / 100.0;
      double load = 700 * Math.sin(2 * Math.PI * t);
      text.append(t).append(',').append(Math.max(0, load)).append(',')
          .append(Math.max(0, -load)).append('\n');
    }
    Path csv = tmp.resolve("walk.csv");
    Files.writeString(csv, text);
    assertEveryDamageReadOrRefused(5, csv, RecordingFormat.CSV);
  }

  @Test
  void aGaitnddSignalShorterThanItsHeaderSaysIsRefused() throws IOException {
    Path record = copyOfShared("gaitndd/als1", ".hea");
    Path signal = record.resolveSibling("als1.let");
    Files.write(signal, Arrays.copyOf(Files.readAllBytes(signal), 3000));

    assertThat(refusal(record, RecordingFormat.GAITNDD))
        .contains("als1.let").contains("2000 of the 90000 samples");
  }

  private static void assertEveryDamageReadOrRefused(long seed, Path file, RecordingFormat format)
      throws IOException {
    assertEveryDamageReadOrRefused(seed, file, file, format);
  }

  private static void assertEveryDamageReadOrRefused(
      long seed, Path record, Path file, RecordingFormat format) throws IOException {
    byte[] intact = Files.readAllBytes(file);
    String name = record.getFileName().toString().split("\\.")[0];
    Random random = new Random(seed);
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < DAMAGES; i++) {
      Damage damage = Damage.random(random, intact.length);
      Files.write(file, damage.apply(intact));
      for (RecordingFormat asked : new RecordingFormat[] {format, null}) {
        try {
          Recordings.read(record, asked);
        } catch (RecordingException refused) {
          assertThat(refused.getMessage()).as(damage.toString()).contains(name);
        } catch (RuntimeException e) {
          crashes.add(damage + " (format " + asked + "): " + e);
        }
      }
    }
    assertThat(crashes).as("damages that ended in an exception other than RecordingException")
        .isEmpty();
  }

  /** Copies a shared recording (a gaitndd record: its header and both signals) into {@link #tmp}. */
  private Path copyOfShared(String shared, String extension) throws IOException {
    Path source = Path.of(System.getProperty("plantar.sharedData")).resolve(shared);
    String name = source.getFileName().toString();
    String[] extensions = extension.equals(".txt") ? new String[] {".txt"}
        : new String[] {".hea", ".let", ".rit"};
    for (String ext : extensions) {
      Files.copy(source.resolveSibling(name + ext), tmp.resolve(name + ext));
    }
    return tmp.resolve(name);
  }

  private static String refusal(Path record, RecordingFormat format) {
    try {
      Recordings.read(record, format);
    } catch (RecordingException e) {
      return e.getMessage();
    }
    throw new AssertionError("read without complaint: " + record);
  }
}
