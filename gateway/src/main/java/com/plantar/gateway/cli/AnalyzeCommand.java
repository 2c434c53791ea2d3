package com.plantar.gateway.cli;

import com.plantar.gait.GaitConfig;
import com.plantar.gait.recording.Recording;
import com.plantar.gait.recording.RecordingException;
import com.plantar.gait.recording.RecordingFormat;
import com.plantar.gait.recording.Recordings;
import com.plantar.gateway.cli.analyze.RecordingAnalysis;
import com.plantar.gateway.cli.analyze.StrideCsvWriter;
import com.plantar.gateway.cli.analyze.SummaryJsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plantar analyze}: runs recordings through the gait engine (the same one the live pipeline
 * uses) and writes, per recording, {@code NAME.strides.csv} and {@code NAME.summary.json}. A record
 * that cannot be read is reported and skipped; the exit code is then 1.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse gait recordings: writes DIR/NAME.strides.csv (foot,ic_s,to_s,next_ic_s,...) and "
          + "DIR/NAME.summary.json (bouts, windows, standing balance, alerts).",
      "gaitndd: give the record path without extension; other formats: the file."
    })
public final class AnalyzeCommand implements Callable<Integer> {

  @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
      description = "auto, gaitndd, gaitpdb, moticon or csv (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--weight-kg", paramLabel = "W",
      description = "Body weight in kg (gives loading rate per kg)")
  Double weightKg;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder")
  Path out;

  @Parameters(arity = "1..*", paramLabel = "RECORD", description = "Recordings to analyse")
  List<Path> records;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (weightKg != null && !(weightKg > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--weight-kg must be positive: " + weightKg);
    }
    RecordingFormat recordingFormat = recordingFormat();
    GaitConfig config = weightKg == null ? GaitConfig.defaults()
        : GaitConfig.defaults().withWeightKg(weightKg);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      stderr.println("plantar analyze: cannot create output folder " + out + ": " + e.getMessage());
      return 1;
    }
    int failed = 0;
    int n = records.size();
    for (int i = 0; i < n; i++) {
      Path record = records.get(i);
      String progress = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, n, record);
      try {
        Recording recording = Recordings.read(record, recordingFormat);
        RecordingAnalysis analysis = RecordingAnalysis.of(recording, config);
        write(analysis);
        stdout.printf(Locale.ROOT, "%s: %d strides, %d walking bouts, cadence %.1f steps/min%n",
            progress, analysis.strides().size(), analysis.bouts().size(),
            analysis.overall().cadenceStepsPerMin());
      } catch (RecordingException e) {
        failed++;
        stderr.println(progress + ": cannot read: " + e.getMessage());
      } catch (IOException e) {
        failed++;
        stderr.println(progress + ": cannot write results to " + out + ": " + e.getMessage());
      }
      stdout.flush();
    }
    if (failed > 0) {
      stderr.printf(Locale.ROOT, "plantar analyze: %d of %d recordings failed%n", failed, n);
      return 1;
    }
    return 0;
  }

  /** Null for auto-detection. */
  private RecordingFormat recordingFormat() {
    String f = format.strip().toUpperCase(Locale.ROOT);
    if (f.equals("AUTO")) {
      return null;
    }
    try {
      return RecordingFormat.valueOf(f);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--format must be auto, gaitndd, gaitpdb, moticon or csv: " + format);
    }
  }

  private void write(RecordingAnalysis analysis) throws IOException {
    String name = analysis.recording().name();
    try (Writer w = Files.newBufferedWriter(out.resolve(name + ".strides.csv"),
        StandardCharsets.UTF_8)) {
      StrideCsvWriter.write(analysis.strides(), w);
    }
    try (Writer w = Files.newBufferedWriter(out.resolve(name + ".summary.json"),
        StandardCharsets.UTF_8)) {
      SummaryJsonWriter.write(analysis, w);
    }
  }
}
