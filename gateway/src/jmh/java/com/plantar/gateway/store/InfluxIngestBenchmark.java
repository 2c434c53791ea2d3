package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw-sample points per second into one real {@code influxd} (started here on a free loopback port),
 * in one run:
 *
 * <ul>
 *   <li>{@code port}: through the InfluxDB adapter, 200 frames of 25 samples × 16 cells submitted,
 *       then {@code flush()} awaited (influxdb-java synchronous {@code BatchPoints}, ≤ 5 000 per
 *       request);
 *   <li>{@code jdkHttpClient}: the same points as line protocol built here into one 5 000-line body
 *       and POSTed with the JDK {@code HttpClient} to the same {@code /write?precision=u}.
 * </ul>
 *
 * Target: port ≥ 0.9 × jdkHttpClient. Run: {@code scripts/bench gateway InfluxIngestBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class InfluxIngestBenchmark {
  private static final int FRAMES = 200;
  private static final int SAMPLES = 25;
  private static final int CELLS = 16;
  static final int ROWS = FRAMES * SAMPLES;
  private static final long SAMPLE_US = 10_000L;

  private Path directory;
  private InfluxdProcess influxd;
  private TimeSeriesStore store;
  private HttpClient http;
  private URI write;
  private final int[] frameValues = new int[SAMPLES * CELLS];
  private long nextPortUs;
  private long nextJdkUs;

  @Setup(Level.Trial)
  public void open() throws Exception {
    directory = Files.createTempDirectory("plantar-influx-bench");
    influxd = InfluxdProcess.start(directory);
    for (int v = 0; v < frameValues.length; v++) {
      frameValues[v] = (v * 97) % 4096;
    }
    // Recent times: InfluxDB's autogen policy keeps everything, but stay near now anyway.
    nextPortUs = (System.currentTimeMillis() - 86_400_000L) * 1000;
    nextJdkUs = nextPortUs;
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    post(influxd.url().resolve("/query?q=" + URLEncoder.encode("CREATE DATABASE bench", StandardCharsets.UTF_8)), "");
    write = influxd.url().resolve("/write?db=bench&precision=u");
    store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), "bench").withQueue(ROWS, 4_096));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    StoreStats stats = store.stats();
    long failed = stats.failedWrites();
    // How the writer grouped the frames: rows per commit (or per /write request) is the main lever.
    System.out.println("store stats: " + stats + ", rows per commit " + stats.rowsCommitted() / Math.max(1, stats.commits()));
    store.close();
    influxd.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (failed > 0) {
      throw new IllegalStateException(failed + " writes failed during the benchmark: the numbers are void");
    }
  }

  private void post(URI uri, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void port() throws Exception {
    for (int f = 0; f < FRAMES; f++) {
      long[] times = new long[SAMPLES];
      for (int s = 0; s < SAMPLES; s++) {
        times[s] = nextPortUs;
        nextPortUs += SAMPLE_US;
      }
      store.writeRawSamples(new RawSampleBatch("bench", "w1", "dev-port", Side.L, times, frameValues, CELLS,
          TimeQuality.SYNCED));
    }
    store.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void jdkHttpClient() throws Exception {
    StringBuilder body = new StringBuilder(ROWS * 200);
    for (int f = 0; f < FRAMES; f++) {
      for (int s = 0, v = 0; s < SAMPLES; s++) {
        body.append("raw_samples,device=dev-jdk,side=L,tenant=bench,wearer=w1 cells=").append(CELLS).append('i');
        for (int c = 0; c < CELLS; c++, v++) {
          body.append(",c").append(c).append('=').append(frameValues[v]).append('i');
        }
        body.append(",time_quality=\"synced\" ").append(nextJdkUs).append('\n');
        nextJdkUs += SAMPLE_US;
      }
    }
    post(write, body.toString());
  }
}
