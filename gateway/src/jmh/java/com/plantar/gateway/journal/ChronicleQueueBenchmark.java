package com.plantar.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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
 * The same load as {@link JournalBenchmark} (16 threads, one 180-byte record each per op) appended to
 * Chronicle Queue, the kept library the issue names as the alternative to our journal. Chronicle
 * does not fsync by default, and its builder's {@code syncMode(SYNC)} alone did not sync per append
 * (measured p50 1 µs, impossible with an msync), nor does {@code appender.sync()} alone (it syncs in
 * the store's sync mode, NONE by default): {@code durability=msyncEach} sets both, so that each
 * append is msync'd (MS_SYNC) before it returns, durable
 * like ours (one sync per append: Chronicle has no group commit); {@code none} is its default (page
 * cache only: lost on power loss), shown for scale.
 *
 * <p>Chronicle needs these JVM flags on Java 17+ (the fork below passes them; without them it fails
 * at start, see ARCHITECTURE.md). Run beside ours:
 * <pre>scripts/bench gateway 'JournalBenchmark|ChronicleQueueBenchmark' -bm thrpt,sample</pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    // Chronicle otherwise reports usage analytics over the network on first use.
    "-Dchronicle.analytics.disable=true"})
@Threads(16)
public class ChronicleQueueBenchmark {
  @Param({"msyncEach", "none"})
  String durability;

  private Path dir;
  private ChronicleQueue queue;
  private boolean msyncEach;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("plantar-chronicle-bench");
    msyncEach = durability.equals("msyncEach");
    // The store's sync mode only says how sync() syncs; without SYNC, appender.sync() does nothing.
    queue = SingleChronicleQueueBuilder.binary(dir).syncMode(msyncEach ? SyncMode.SYNC : SyncMode.NONE).build();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    queue.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Each benchmark thread appends through its own appender (Chronicle appenders are single-threaded). */
  @State(Scope.Thread)
  public static class Appender {
    ExcerptAppender appender;
    final byte[] frame = new byte[180];
    boolean durable;

    @Setup(Level.Trial)
    public void open(ChronicleQueueBenchmark benchmark) {
      appender = benchmark.queue.createAppender();
      durable = benchmark.msyncEach;
    }

    @TearDown(Level.Trial)
    public void close() {
      appender.close();
    }
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void appendUntilDurable(Appender a) {
    try (DocumentContext dc = a.appender.writingDocument()) {
      dc.wire().bytes().write(a.frame);
    }
    if (a.durable) {
      a.appender.sync();
    }
  }
}
