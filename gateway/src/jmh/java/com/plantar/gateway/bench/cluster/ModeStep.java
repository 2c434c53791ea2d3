package com.plantar.gateway.bench.cluster;

import com.plantar.simulator.load.IngestLoad;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One measured load step against one mode: the load generator's frames at a paced rate, and what
 * the server spent on them. {@code accepted} and {@code consumed} count frames the mode has made
 * durable (journal, or acknowledged by Kafka) and frames its processing has taken; the growth of
 * their difference during the step tells whether processing keeps up, whatever backlog earlier
 * steps left.
 */
record ModeStep(int run, String mode, int insoles, IngestLoad.Result load, long processedFrames, long lagGrowth,
    CpuMeter.Spent cpu, double seconds) {

  static final int FRAMES_PER_INSOLE_SECOND = 4;

  /** Runs one step; {@code idBase} keeps the devices of different steps apart. */
  static ModeStep measure(int run, String mode, int insoles, int port, int connections, long idBase,
      Duration length, long brokerPid, LongSupplier accepted, LongSupplier consumed) throws Exception {
    CpuMeter meter = new CpuMeter(brokerPid);
    long[] before = new long[3];
    IngestLoad.Result load = IngestLoad.run("127.0.0.1", port, "bench", connections, insoles, idBase,
        insoles * (double) FRAMES_PER_INSOLE_SECOND, length, () -> {
          meter.start();
          before[0] = accepted.getAsLong();
          before[1] = consumed.getAsLong();
          before[2] = System.nanoTime();
        });
    CpuMeter.Spent cpu = meter.stop();
    double seconds = (System.nanoTime() - before[2]) / 1e9;
    long processed = consumed.getAsLong() - before[1];
    long lagGrowth = (accepted.getAsLong() - consumed.getAsLong()) - (before[0] - before[1]);
    return new ModeStep(run, mode, insoles, load, processed, lagGrowth, cpu, seconds);
  }

  double ackedFrames() {
    return load.offeredFramesPerSecond() <= 0 ? 0
        : load.framesSent() * load.ackedFramesPerSecond() / load.offeredFramesPerSecond();
  }

  /** The acks keep up: ≥ 97 % of the offered frames acknowledged, offered ≥ 90 % of the target, p99 < 1 s. */
  boolean acksKeepUp() {
    return load.ackedFramesPerSecond() >= 0.97 * load.offeredFramesPerSecond()
        && load.offeredFramesPerSecond() >= 0.9 * insoles * FRAMES_PER_INSOLE_SECOND && load.p99Millis() < 1000;
  }

  /** End to end: the acks keep up and the processing backlog grew by less than one second of frames. */
  boolean keepsUp() {
    return acksKeepUp() && lagGrowth <= (long) insoles * FRAMES_PER_INSOLE_SECOND;
  }

  /** CPU-seconds of the ingest path per million samples acknowledged. */
  double ingestPerMillion() {
    return perMillion(cpu.ingest(), ackedFrames());
  }

  /** CPU-seconds of processing (and the store writer) per million samples it processed. */
  double processingPerMillion() {
    return perMillion(cpu.processing(), processedFrames);
  }

  /** CPU-seconds of the broker process per million samples acknowledged (it also served the consumers). */
  double brokerPerMillion() {
    return perMillion(cpu.broker(), ackedFrames());
  }

  /** % of all cores that this JVM used (load generator, GC and JIT included). */
  double jvmCpuPercent() {
    return 100.0 * cpu.jvm() / (seconds * 1e9 * Runtime.getRuntime().availableProcessors());
  }

  private static double perMillion(long cpuNanos, double frames) {
    double samples = frames * IngestLoad.SAMPLES_PER_FRAME;
    return samples <= 0 ? Double.NaN : (cpuNanos / 1e9) / (samples / 1e6);
  }
}
