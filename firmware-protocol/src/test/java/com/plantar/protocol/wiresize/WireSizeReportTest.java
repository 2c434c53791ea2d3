package com.plantar.protocol.wiresize;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.protocol.Encoding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the wire-size table of PROTOCOL.md §15 on the recordings in {@code ../shared/data} and
 * prints it: {@code ./mvnw -q -pl firmware-protocol test -Dtest=WireSizeReportTest}.
 */
class WireSizeReportTest {

  @Test
  void deltaIsSmallestOnRealRecordingsAndBiggerFramesAmortiseTheHeader() throws Exception {
    List<WireSizeReport.Row> rows = WireSizeReport.measure(Path.of(System.getProperty("plantar.sharedData")));
    System.out.println(WireSizeReport.markdown(rows));

    for (String blocks : List.of("16 cells", "16 cells + IMU6", "8 cells")) {
      for (int k : WireSizeReport.FRAME_SAMPLES) {
        double raw = size(rows, blocks, k, Encoding.RAW16);
        double packed = size(rows, blocks, k, Encoding.PACK12);
        double delta = size(rows, blocks, k, Encoding.DELTA);
        assertThat(delta).as("%s K=%d", blocks, k).isLessThan(packed);
        assertThat(packed).as("%s K=%d", blocks, k).isLessThan(raw);
      }
      assertThat(size(rows, blocks, 50, Encoding.DELTA)).isLessThan(size(rows, blocks, 10, Encoding.DELTA));
    }
  }

  private static double size(List<WireSizeReport.Row> rows, String blocks, int k, Encoding encoding) {
    return rows.stream().filter(r -> r.blocks().equals(blocks) && r.samplesPerFrame() == k && r.encoding() == encoding)
        .findFirst().orElseThrow().bytesPerSample();
  }
}
