package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlantarCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  /** Two feet walking with a 1.2 s stride, written in the simple CSV format. */
  private Path syntheticCsv() throws IOException {
    StringBuilder csv = new StringBuilder("time_s,left_force,right_force\n");
    for (int i = 0; i < 100 * 30; i++) {
      double t = i / 100.0;
      csv.append(String.format(Locale.ROOT, "%.2f,%.1f,%.1f%n", t, force(t), force(t - 0.6)));
    }
    Path file = tmp.resolve("walk.csv");
    Files.writeString(file, csv);
    return file;
  }

  private static double force(double t) {
    double u = ((t % 1.2) + 1.2) % 1.2 / 0.72;
    return t < 0 || u > 1 ? 5 : 5 + 700 * (0.9 * Math.sin(Math.PI * u) + 0.25 * Math.sin(3 * Math.PI * u));
  }

  @Test
  void writesStridesCsvAndSummaryJsonForARecording() throws Exception {
    Path outDir = tmp.resolve("out");
    assertThat(run("analyze", "--weight-kg", "70", "--out", outDir.toString(),
        syntheticCsv().toString())).isZero();

    List<String> lines = Files.readAllLines(outDir.resolve("walk.strides.csv"));
    assertThat(lines.get(0)).startsWith("foot,ic_s,to_s,next_ic_s,");
    assertThat(lines).hasSizeGreaterThan(40);
    String[] first = lines.get(1).split(",", -1);
    assertThat(first[0]).isIn("L", "R");
    assertThat(Double.parseDouble(first[3]) - Double.parseDouble(first[1])).isBetween(1.19, 1.21);
    JsonNode summary = new ObjectMapper().readTree(outDir.resolve("walk.summary.json").toFile());
    assertThat(summary.get("recording").asText()).isEqualTo("walk");
    assertThat(summary.get("weight_kg").asDouble()).isEqualTo(70);
    assertThat(summary.get("overall").get("cadence_steps_per_min").asDouble()).isBetween(99.0, 101.0);
    assertThat(summary.get("walking_bouts")).hasSize(1);
    assertThat(summary.get("windows").size()).isGreaterThanOrEqualTo(2);
    assertThat(out.toString()).contains("[1/1]").contains("strides");
  }

  @Test
  void anUnreadableFileFailsWithAClearMessageAndTheOthersStillRun() throws Exception {
    Path bad = tmp.resolve("broken.csv");
    Files.writeString(bad, "time_s,left_force,right_force\n0.00,abc,1\n");
    Path outDir = tmp.resolve("out");
    int code = run("analyze", "--out", outDir.toString(), bad.toString(),
        syntheticCsv().toString(), tmp.resolve("missing.txt").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("[1/3]").contains("broken.csv").contains("not a number")
        .contains("missing.txt").contains("2 of 3 recordings failed");
    assertThat(outDir.resolve("walk.strides.csv")).exists();
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    assertThat(run("analyze", "--format", "xml", "--out", tmp.toString(),
        syntheticCsv().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--format");
  }

  @Test
  void analysesEveryRecordingInTheSharedData() throws Exception {
    Path data = Path.of(System.getProperty("plantar.sharedData"));
    List<String> args = new ArrayList<>(List.of("analyze", "--out", tmp.toString()));
    List<String> expectedNames = new ArrayList<>();
    try (Stream<Path> files = Files.list(data.resolve("gaitndd"))) {
      files.map(Path::toString).filter(p -> p.endsWith(".hea")).sorted().forEach(p -> {
        args.add(p.substring(0, p.length() - 4));
        expectedNames.add(Path.of(p).getFileName().toString().replace(".hea", ""));
      });
    }
    try (Stream<Path> files = Files.list(data.resolve("gaitpdb"))) {
      files.filter(p -> p.getFileName().toString().matches("[A-Z][a-z](Co|Pt).*\\.txt"))
          .sorted().forEach(p -> {
            args.add(p.toString());
            expectedNames.add(p.getFileName().toString().replace(".txt", ""));
          });
    }
    try (Stream<Path> files = Files.list(data.resolve("moticon"))) {
      files.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(p -> {
        args.add(p.toString());
        expectedNames.add(p.getFileName().toString().replace(".txt", ""));
      });
    }
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(expectedNames).hasSizeGreaterThanOrEqualTo(33 + 8 + 3);
    for (String name : expectedNames) {
      List<String> lines = Files.readAllLines(tmp.resolve(name + ".strides.csv"));
      assertThat(lines.get(0)).as(name).startsWith("foot,ic_s,to_s,next_ic_s,");
      assertThat(lines.size()).as(name + " strides").isGreaterThan(5);
      assertThat(tmp.resolve(name + ".summary.json")).exists();
    }
  }
}
