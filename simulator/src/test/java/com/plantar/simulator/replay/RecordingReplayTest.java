package com.plantar.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.plantar.simulator.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReplayTest {
  private static final Path DATA = Path.of(System.getProperty("plantar.sharedData"));

  @Test
  void replaysAGaitpdbWalkSampleBySampleAndLoopsAtItsEnd() throws IOException {
    Path file = DATA.resolve("gaitpdb/GaCo01_01.txt");
    RecordingReplay replay = RecordingReplay.load(file);
    assertThat(replay.layout().name()).isEqualTo("gaitpdb8");
    String[] row = Files.readAllLines(file).get(250).trim().split("\\s+");
    double[] forces = new double[8];
    replay.forces(Side.RIGHT, 2_500_000, forces);
    for (int c = 0; c < 8; c++) {
      assertThat(forces[c]).isCloseTo(Math.max(0, Double.parseDouble(row[9 + c])), within(1e-9));
    }
    double[] looped = new double[8];
    replay.forces(Side.RIGHT, 2_500_000 + replay.samples() * 10_000L, looped);
    assertThat(looped).containsExactly(forces);
  }

  @Test
  void replaysAMoticonExportInNewtonsFromCellPressureAndArea() throws IOException {
    RecordingReplay replay = RecordingReplay.load(DATA.resolve("moticon/230927_102137.txt"));
    assertThat(replay.layout().name()).isEqualTo("moticon16");
    double peak = 0;
    double[] forces = new double[16];
    for (long t = 0; t < 20_000_000; t += 10_000) {
      replay.forces(Side.LEFT, t, forces);
      double total = 0;
      for (double f : forces) {
        total += f;
      }
      peak = Math.max(peak, total);
    }
    // The vendor's own total force for this walk peaks near 1 kN.
    assertThat(peak).isBetween(700.0, 1300.0);
  }

  @Test
  void aFileOfNeitherFormatIsAClearError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello world\n");
    assertThatThrownBy(() -> RecordingReplay.load(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("neither a Moticon export nor a gaitpdb walk");
  }
}
