package com.plantar.protocol.wiresize;

import com.plantar.protocol.Block;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.SampleBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Wire size of real recordings in each encoding and frame size: encodes every sample of every foot
 * into DATA frames of K samples and counts the bytes, header and CRC included. The IMU block is
 * DELTA or RAW16 as the row says: PACK12 cannot hold 16-bit IMU values, so PACK12 rows carry the IMU
 * in RAW16.
 */
public final class WireSizeReport {
  static final int[] FRAME_SAMPLES = {10, 25, 50};
  static final double RATE_HZ = 100;

  /** One row: a data set, its blocks, K and the encoding, with the bytes per sample measured. */
  public record Row(String dataset, String blocks, int samplesPerFrame, Encoding encoding, double bytesPerSample) {
    double kilobytesPerHour() {
      return bytesPerSample * RATE_HZ * 3600 / 1000;
    }
  }

  private WireSizeReport() {}

  public static List<Row> measure(Path sharedData) throws IOException {
    List<FootSeries> moticon = new ArrayList<>();
    try (Stream<Path> files = Files.list(sharedData.resolve("moticon"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        moticon.addAll(RecordingSeries.moticon(file));
      }
    }
    List<FootSeries> gaitpdb = new ArrayList<>();
    try (Stream<Path> files = Files.list(sharedData.resolve("gaitpdb"))) {
      for (Path file : files.filter(p -> p.getFileName().toString().matches("[A-Z][a-z][A-Z][a-z]\\d+_\\d+\\.txt")).sorted().toList()) {
        gaitpdb.addAll(RecordingSeries.gaitpdb(file));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int set = 0; set < 3; set++) {
      for (int k : FRAME_SAMPLES) {
        for (Encoding encoding : Encoding.values()) {
          rows.add(switch (set) {
            case 0 -> new Row("moticon", "16 cells", k, encoding, bytesPerSample(moticon, k, encoding, false));
            case 1 -> new Row("moticon", "16 cells + IMU6", k, encoding, bytesPerSample(moticon, k, encoding, true));
            default -> new Row("gaitpdb", "8 cells", k, encoding, bytesPerSample(gaitpdb, k, encoding, false));
          });
        }
      }
    }
    return rows;
  }

  private static double bytesPerSample(List<FootSeries> feet, int k, Encoding encoding, boolean withImu) {
    FrameEncoder encoder = new FrameEncoder();
    long bytes = 0;
    long samples = 0;
    for (FootSeries foot : feet) {
      for (int start = 0; start + k <= foot.samples(); start += k) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(block(BlockType.PRESSURE, encoding, foot.pressure(), start, k));
        if (withImu) {
          Encoding imuEncoding = encoding == Encoding.PACK12 ? Encoding.RAW16 : encoding;
          blocks.add(block(BlockType.IMU6, imuEncoding, foot.imu(), start, k));
        }
        DataFrame frame = new DataFrame(new FrameHeader(0, 1, 1), start / k, start * 10_000L,
            (k - 1) * 10_000L, k, 0, blocks);
        bytes += encoder.encodedLength(frame);
        samples += k;
      }
    }
    return (double) bytes / samples;
  }

  private static SampleBlock block(BlockType type, Encoding encoding, int[][] series, int start, int k) {
    int channels = series[start].length;
    int[] values = new int[k * channels];
    for (int s = 0; s < k; s++) {
      System.arraycopy(series[start + s], 0, values, s * channels, channels);
    }
    return new SampleBlock(type, encoding, channels, values);
  }

  /** The table as Markdown, as pasted into PROTOCOL.md §15. */
  public static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| Data | Blocks | K | Encoding | Bytes/sample | kB/h at 100 Hz | vs RAW16 |\n");
    out.append("|---|---|---:|---|---:|---:|---:|\n");
    for (Row row : rows) {
      double raw = rows.stream().filter(r -> r.dataset().equals(row.dataset()) && r.blocks().equals(row.blocks())
          && r.samplesPerFrame() == row.samplesPerFrame() && r.encoding() == Encoding.RAW16)
          .findFirst().orElseThrow().bytesPerSample();
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.0f | %.2f× |%n", row.dataset(),
          row.blocks(), row.samplesPerFrame(), row.encoding(), row.bytesPerSample(), row.kilobytesPerHour(),
          raw / row.bytesPerSample()));
    }
    return out.toString();
  }
}
