package com.plantar.gateway.journal;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.MessageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal append → durable (fsync) for one accepted DATA frame (16 cells × 25 samples in DELTA, about
 * 180 bytes), with 16 threads appending at once as shards do under load: the score is appends per
 * second, and in {@code SampleTime} mode the distribution of append→durable latency.
 *
 * <pre>scripts/bench gateway JournalBenchmark -bm thrpt,sample</pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
@Threads(16)
public class JournalBenchmark {
  @Param({"2"})
  int commitMillis;

  private Path dir;
  private Journal journal;
  private final AcceptedFrame frame = new AcceptedFrame("clinic", 0xdeadbeefL, 7, MessageType.DATA, 1, 0,
      1_764_000_000_000_000L, new byte[180]);

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("plantar-journal-bench");
    journal = Journal.open(new JournalConfig(dir, Duration.ofMillis(commitMillis), 64 << 20, 8L << 30, 65_536));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    journal.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void appendUntilDurable() {
    journal.append(frame).toCompletableFuture().join();
  }
}
