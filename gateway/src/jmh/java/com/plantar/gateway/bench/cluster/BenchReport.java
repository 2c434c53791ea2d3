package com.plantar.gateway.bench.cluster;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The tables of {@link ClusterBench}: medians over the runs, each figure from steps of one run compared in it. */
record BenchReport(int runs, List<Integer> steps, List<ModeStep> rows, List<ProducePathRace.Result> races,
    List<ModeStep> latency) {

  private static final List<String> MODES = List.of("single-node", "kafka");

  void print(PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "Steps (medians over the runs that reached the step; CPU-s per million samples:"
        + " ingest and broker per sample acknowledged, processing per sample processed)%n");
    out.println("| mode | insoles @100 Hz | acks keep up (runs) | processing keeps up (runs) | frames/s offered"
        + " | frames/s acked | PUBACK p50 ms | PUBACK p99 ms | backlog growth (frames) | CPU-s/M ingest"
        + " | CPU-s/M processing | CPU-s/M broker | JVM CPU % |");
    out.println("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String mode : MODES) {
      for (int insoles : steps) {
        List<ModeStep> at = rows.stream().filter(r -> r.mode().equals(mode) && r.insoles() == insoles).toList();
        if (at.isEmpty()) {
          continue;
        }
        out.printf(Locale.ROOT, "| %s | %d | %d/%d | %d/%d | %.0f | %.0f | %.2f | %.2f | %.0f | %.3f | %.3f | %s | %.0f |%n",
            mode, insoles, count(at, ModeStep::acksKeepUp), at.size(), count(at, ModeStep::keepsUp), at.size(),
            median(at, r -> r.load().offeredFramesPerSecond()), median(at, r -> r.load().ackedFramesPerSecond()),
            median(at, r -> r.load().p50Millis()), median(at, r -> r.load().p99Millis()),
            median(at, r -> r.lagGrowth()), median(at, ModeStep::ingestPerMillion),
            median(at, ModeStep::processingPerMillion),
            mode.equals("kafka") ? String.format(Locale.ROOT, "%.3f", median(at, ModeStep::brokerPerMillion)) : "–",
            median(at, ModeStep::jvmCpuPercent));
      }
    }
    summary(out);
    out.println();
    out.printf(Locale.ROOT, "Produce path (medians of %d runs): KafkaFrameLog %.0f frames/s, plain KafkaProducer"
        + " %.0f frames/s, ratio %.2f (per run: %s; goal >= 0.8)%n", races.size(),
        medianOf(races.stream().map(ProducePathRace.Result::frameLogPerSecond).toList()),
        medianOf(races.stream().map(ProducePathRace.Result::plainPerSecond).toList()),
        medianOf(races.stream().map(ProducePathRace.Result::ratio).toList()),
        String.join(", ", races.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.ratio())).toList()));
    if (!latency.isEmpty()) {
      out.printf(Locale.ROOT, "Kafka-mode PUBACK latency at half of the highest step whose acks kept up (medians"
          + " of %d runs): %.0f frames/s acked, p50 %.2f ms, p99 %.2f ms (per run p99: %s; goal p99 <= 50 ms)%n",
          latency.size(), median(latency, r -> r.load().ackedFramesPerSecond()),
          median(latency, r -> r.load().p50Millis()), median(latency, r -> r.load().p99Millis()),
          String.join(", ", latency.stream().map(r -> String.format(Locale.ROOT, "%.1f @ %d insoles",
              r.load().p99Millis(), r.insoles())).toList()));
    }
    out.flush();
  }

  /**
   * Per mode: the highest step per run whose acks kept up, and whose processing kept up too (medians
   * over the runs); and the CPU per million samples at one step for both modes, the same load: the
   * highest step whose acks kept up in more than half of the runs in both modes.
   */
  private void summary(PrintWriter out) {
    int common = steps.stream().filter(s -> MODES.stream().allMatch(m -> 2 * rows.stream()
            .filter(x -> x.mode().equals(m) && x.insoles() == s && x.acksKeepUp()).count() > runs))
        .mapToInt(Integer::intValue).max().orElse(steps.get(0));
    out.println();
    out.printf(Locale.ROOT, "Summary (medians over runs; CPU at %d insoles, the highest step whose acks kept up in"
        + " more than half of the runs in both modes, else the first)%n", common);
    out.println("| mode | sustained, acks (frames/s) | sustained, end to end (frames/s) | CPU-s/M ingest"
        + " | CPU-s/M processing | CPU-s/M broker | CPU-s/M total |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String mode : MODES) {
      List<Double> acks = new ArrayList<>();
      List<Double> endToEnd = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        acks.add(best(run, mode, ModeStep::acksKeepUp));
        endToEnd.add(best(run, mode, ModeStep::keepsUp));
      }
      List<ModeStep> at = rows.stream().filter(x -> x.mode().equals(mode) && x.insoles() == common).toList();
      boolean kafka = mode.equals("kafka");
      out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.3f | %s | %.3f |%n", mode, medianOf(acks),
          medianOf(endToEnd), median(at, ModeStep::ingestPerMillion), median(at, ModeStep::processingPerMillion),
          kafka ? String.format(Locale.ROOT, "%.3f", median(at, ModeStep::brokerPerMillion)) : "–",
          median(at, s -> s.ingestPerMillion() + s.processingPerMillion() + (kafka ? s.brokerPerMillion() : 0)));
    }
  }

  private double best(int run, String mode, Predicate<ModeStep> sustained) {
    return rows.stream().filter(r -> r.run() == run && r.mode().equals(mode) && sustained.test(r))
        .mapToDouble(r -> r.load().ackedFramesPerSecond()).max().orElse(0);
  }

  private static long count(List<ModeStep> rows, Predicate<ModeStep> test) {
    return rows.stream().filter(test).count();
  }

  private static double median(List<ModeStep> rows, ToDoubleFunction<ModeStep> value) {
    return medianOf(rows.stream().map(value::applyAsDouble).toList());
  }

  static double medianOf(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
        .toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
