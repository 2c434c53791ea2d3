package com.plantar.gateway.store.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.Side;
import com.plantar.gateway.store.InfluxdProcess;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.TimeQuality;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the InfluxDB adapter does: 1.x schema and downsampling, auth header, retries. */
class InfluxStoreTest {
  /** Two hours before the last full hour: inside every retention used here. */
  private static final long T0 = (System.currentTimeMillis() / 3_600_000 - 2) * 3_600_000_000L;
  @TempDir static Path directory;
  private static InfluxdProcess influxd;

  @BeforeAll
  static void startInfluxd() throws IOException {
    influxd = InfluxdProcess.start(directory);
  }

  @AfterAll
  static void stopInfluxd() {
    influxd.close();
  }

  private static RawSampleBatch threeSeconds(String device) {
    return threeSeconds(device, T0);
  }

  private static RawSampleBatch threeSeconds(String device, long startUs) {
    long[] times = new long[300];
    int[] values = new int[300 * 2];
    for (int s = 0; s < times.length; s++) {
      times[s] = startUs + s * 10_000L;
      values[2 * s] = s / 100;
      values[2 * s + 1] = 1000 + s;
    }
    return new RawSampleBatch("acme", "w1", device, Side.L, times, values, 2, TimeQuality.SYNCED);
  }

  private static String influxQl(String database, String statement) throws Exception {
    URI uri = influxd.url().resolve("/query?db=" + database + "&epoch=u&q="
        + URLEncoder.encode(statement, StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void managedSchemaCreatesRetentionPoliciesAndADownsamplingQueryThatAggregatesRawSamples() throws Exception {
    StoreConfig config = StoreConfig.influxDb(influxd.url(), "managed").withManagedInfluxSchema("forever")
        .withRetention(7, 90);
    try (TimeSeriesStore store = TimeSeriesStores.open(config)) {
      store.writeRawSamples(threeSeconds("dev-1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    // Opening again must accept the existing schema (and re-apply changed retention).
    try (TimeSeriesStore store = TimeSeriesStores.open(config.withRetention(14, 90))) {
      assertThat(store.readRawSamples("acme", "dev-1", new TimeRange(T0, T0 + 10_000_000L))).hasSize(300);
    }

    assertThat(influxQl("managed", "SHOW RETENTION POLICIES"))
        .contains("[\"plantar_raw\",\"336h0m0s\"", "[\"plantar_1s\",\"2160h0m0s\"", "[\"forever\",\"0s\"");
    assertThat(influxQl("managed", "SHOW CONTINUOUS QUERIES")).contains("plantar_raw_1s");
    // The continuous query only looks at the last interval of wall-clock time; run its body as a back-fill.
    influxQl("managed", InfluxSchema.downsampleSelect("managed",
        "WHERE time >= " + T0 * 1000 + " AND time < " + (T0 + 10_000_000L) * 1000));
    String seconds = influxQl("managed", "SELECT mean_c0, mean_c1 FROM \"plantar_1s\".\"raw_samples_1s\"");
    assertThat(seconds).contains("[" + T0 + ",0,1049.5]", "[" + (T0 + 1_000_000) + ",1,1149.5]",
        "[" + (T0 + 2_000_000) + ",2,1249.5]");
  }

  @Test
  void rawSamplesAlreadyOlderThanTheRawRetentionAreDroppedAndCountedNotFailed() throws Exception {
    StoreConfig config = StoreConfig.influxDb(influxd.url(), "expiring").withManagedInfluxSchema("autogen")
        .withRetention(1, 30);
    long tenDaysAgo = T0 - 10 * 86_400_000_000L;
    try (TimeSeriesStore store = TimeSeriesStores.open(config)) {
      store.writeRawSamples(threeSeconds("dev-old", tenDaysAgo)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      store.writeRawSamples(threeSeconds("dev-new")).toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(store.stats().rowsDroppedAsExpired()).isEqualTo(300);
      assertThat(store.stats().failedWrites()).isZero();
      assertThat(store.readRawSamples("acme", "dev-old", new TimeRange(tenDaysAgo, T0 + 1))).isEmpty();
      assertThat(store.readRawSamples("acme", "dev-new", new TimeRange(tenDaysAgo, T0 + 10_000_000L))).hasSize(300);
    }
  }

  @Test
  void sendsTheTokenAsAnAuthorizationHeaderAndWritesWithMicrosecondPrecision() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.influxDb(url, "bucket").withToken("s3cr3t"))) {
        store.writeRawSamples(threeSeconds("dev-1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      server.stop(0);
    }
    assertThat(requests).singleElement().satisfies(r -> assertThat(r)
        .startsWith("/write?").contains("db=bucket", "precision=u").doesNotContain("rp=")
        .endsWith(" Token s3cr3t"));
  }

  @Test
  void aWriteToAnUnreachableServerFailsAfterItsRetriesAndCountsThem() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    StoreConfig config = StoreConfig.influxDb(URI.create("http://127.0.0.1:" + closedPort), "nowhere")
        .withRetries(3, Duration.ofMillis(1));
    try (TimeSeriesStore store = TimeSeriesStores.open(config)) {
      assertThatThrownBy(() -> store.writeRawSamples(threeSeconds("dev-1")).toCompletableFuture().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreException.Reason.WRITE_FAILED));
      assertThat(store.stats().retries()).isEqualTo(3);
      assertThat(store.stats().failedWrites()).isEqualTo(1);
    }
  }

  @Test
  void readingADatabaseThatDoesNotExistIsATypedReadFailure() {
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), "missing"))) {
      assertThatThrownBy(() -> store.readRawSamples("acme", "dev-1", new TimeRange(T0, T0 + 1)))
          .isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreException.Reason.READ_FAILED))
          .hasMessageContaining("database not found");
    }
  }

  @Test
  void aBatchTheServerRejectsForGoodIsDeadLetteredWhileTheOtherDevicesOfItsRequestAreStored() throws Exception {
    influxQl("", "CREATE DATABASE conflict");
    // c1 is a string field in this shard: a 2-cell batch (c1 an integer) can never be written.
    HttpResponse<String> seeded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            influxd.url().resolve("/write?db=conflict&precision=u"))
        .POST(HttpRequest.BodyPublishers.ofString("raw_samples,device=other c1=\"text\" " + T0)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(seeded.statusCode()).isEqualTo(204);
    long[] times = new long[100];
    int[] values = new int[100];
    for (int s = 0; s < times.length; s++) {
      times[s] = T0 + s * 10_000L;
      values[s] = s;
    }
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), "conflict"))) {
      CompletableFuture<Void> poisoned = store.writeRawSamples(threeSeconds("dev-2-cells")).toCompletableFuture();
      CompletableFuture<Void> fine = store.writeRawSamples(new RawSampleBatch("acme", "w2", "dev-1-cell", Side.R, times,
          values, 1, TimeQuality.SYNCED)).toCompletableFuture();
      store.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThatThrownBy(() -> poisoned.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreException.Reason.REJECTED))
          .hasMessageContaining("field type conflict");
      assertThat(fine).succeedsWithin(Duration.ofSeconds(10));
      assertThat(store.readRawSamples("acme", "dev-1-cell", new TimeRange(T0, T0 + 10_000_000L))).hasSize(100);
      assertThat(store.stats().rejectedWrites()).isEqualTo(1);
      assertThat(store.stats().failedWrites()).isZero();
    }
  }

  @Test
  void inOneWriteOfManyDevicesOnlyTheBatchTheServerRejectsIsDeadLettered() throws Exception {
    influxQl("", "CREATE DATABASE conflict_many");
    HttpResponse<String> seeded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            influxd.url().resolve("/write?db=conflict_many&precision=u"))
        .POST(HttpRequest.BodyPublishers.ofString("raw_samples,device=other c1=\"text\" " + T0)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(seeded.statusCode()).isEqualTo(204);
    List<RawSampleBatch> batches = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      long[] times = new long[50];
      int[] values = new int[50];
      for (int s = 0; s < times.length; s++) {
        times[s] = T0 + s * 10_000L;
        values[s] = d * 100 + s;
      }
      batches.add(new RawSampleBatch("acme", "w" + d, "dev-fine-" + d, Side.R, times, values, 1, TimeQuality.SYNCED));
    }
    batches.add(1, threeSeconds("dev-poisoned"));
    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), "conflict_many"))) {
      CompletableFuture<Void> written = store.writeRawSamples(batches).toCompletableFuture();
      store.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThatThrownBy(() -> written.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreException.Reason.REJECTED))
          .hasMessageContaining("field type conflict");
      for (int d = 0; d < 3; d++) {
        assertThat(store.readRawSamples("acme", "dev-fine-" + d, new TimeRange(T0, T0 + 10_000_000L))).hasSize(50);
      }
      assertThat(store.stats().failedWrites()).isZero();
    }
  }
}
