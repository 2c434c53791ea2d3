package com.plantar.gateway.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The port and its baseline from {@link QuestDbIngestBenchmark} or {@link InfluxIngestBenchmark},
 * alternated op by op in one process (which one goes first alternates too), so that both see the same
 * moment of a shared, noisy machine: JMH runs one benchmark after the other, and on this machine the
 * load changed between them by more than the gap being measured. Prints each side's median rows/s
 * over the rounds and the median of the per-round ratios.
 *
 * <p>Run (test classpath as scripts/bench builds it): {@code java -cp … com.plantar.gateway.store.PairedIngestRun
 * questdb|influx [rounds]}
 */
public final class PairedIngestRun {
  private static final int ROWS_PER_OP = QuestDbIngestBenchmark.ROWS;

  private interface Op {
    void run() throws Exception;
  }

  static {
    if (InfluxIngestBenchmark.ROWS != ROWS_PER_OP) {
      throw new IllegalStateException("both benchmarks must write the same rows per op");
    }
  }

  private PairedIngestRun() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "questdb";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    if (which.equals("questdb")) {
      QuestDbIngestBenchmark b = new QuestDbIngestBenchmark();
      b.open();
      try {
        report("QuestDB: port vs TableWriter", b::port, b::tableWriter, rounds);
      } finally {
        b.close();
      }
    } else {
      InfluxIngestBenchmark b = new InfluxIngestBenchmark();
      b.open();
      try {
        report("InfluxDB: port vs JDK HttpClient", b::port, b::jdkHttpClient, rounds);
      } finally {
        b.close();
      }
    }
  }

  private static void report(String title, Op port, Op baseline, int rounds) throws Exception {
    for (int w = 0; w < Math.max(5, rounds / 4); w++) {
      port.run();
      baseline.run();
    }
    List<Double> portRates = new ArrayList<>();
    List<Double> baseRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double p;
      double b;
      if (r % 2 == 0) {
        p = rate(port);
        b = rate(baseline);
      } else {
        b = rate(baseline);
        p = rate(port);
      }
      portRates.add(p);
      baseRates.add(b);
      ratios.add(p / b);
    }
    System.out.printf(Locale.ROOT, "%s, %d rounds of %d rows each: port median %.0f rows/s, baseline median %.0f rows/s, "
        + "median ratio %.2f (quartiles %.2f–%.2f)%n", title, rounds, ROWS_PER_OP, median(portRates), median(baseRates),
        median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75));
  }

  private static double rate(Op op) throws Exception {
    long start = System.nanoTime();
    op.run();
    return ROWS_PER_OP / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(List<Double> values) {
    return quantile(values, 0.5);
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }
}
