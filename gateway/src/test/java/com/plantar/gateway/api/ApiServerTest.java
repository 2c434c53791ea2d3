package com.plantar.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.live.LiveFeed;
import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.config.HttpConfig;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.SecretHasher;
import com.plantar.gateway.registry.TokenGenerator;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server on its own (no broker, no processing): every /api route of the running router is in
 * /api/openapi.json and everything there is routed; /health reports the worst check with its reasons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
  @TempDir static Path dir;

  private Registry registry;
  private TimeSeriesStore store;
  private ApiServer server;
  private final AtomicReference<HealthCheck.Status> lag = new AtomicReference<>(HealthCheck.Status.UP);

  @BeforeAll
  void start() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry = Registry.open(dir.resolve("registry.db"), new SecretHasher(new SecureRandom(), 1_000),
        new TokenGenerator(new SecureRandom()), Clock.systemUTC());
    store = TimeSeriesStores.open(StoreConfig.questDb(dir.resolve("store")));
    List<HealthCheck> checks = List.of(
        () -> new HealthCheck.Result("store", HealthCheck.Status.UP, Map.of("rows", 0), List.of()),
        () -> new HealthCheck.Result("journalLag", lag.get(), Map.of("records", 60_000),
            lag.get() == HealthCheck.Status.UP ? List.of() : List.of("processing is 60000 journal records behind")),
        () -> {
          throw new IllegalStateException("secret internal detail");
        });
    server = ApiServer.start(ApiOptions.defaults(new HttpConfig("127.0.0.1", 0, "/mqtt")),
        new ApiBackends(registry, store, new LiveFeed(), new DeviceActivity(),
            command -> CompletableFuture.completedFuture(CommandResult.NOT_CONNECTED), metrics, metrics::scrape, checks, -1));
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
    registry.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsTheWorstCheckWithEveryReasonAndNoInternals() throws Exception {
    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode body = ApiClient.JSON.readTree(down.body());
    assertThat(body.get("status").asText()).isEqualTo("down");
    assertThat(body.get("checks").get("store").get("status").asText()).isEqualTo("up");
    assertThat(down.body()).doesNotContain("secret internal detail").contains("IllegalStateException");
  }

  @Test
  void aDegradedCheckKeepsTheGatewayServingWithItsReason() throws Exception {
    lag.set(HealthCheck.Status.DEGRADED);
    try {
      JsonNode body = ApiClient.JSON.readTree(get("/health").body());
      assertThat(body.get("checks").get("journalLag").get("status").asText()).isEqualTo("degraded");
      assertThat(body.get("reasons").toString()).contains("60000 journal records behind");
    } finally {
      lag.set(HealthCheck.Status.UP);
    }
  }

  @Test
  void theDocumentAndTheRouterNameTheSameOperations() throws Exception {
    {
      HttpResponse<String> served = get("/api/openapi.json");
      JsonNode document = ApiClient.JSON.readTree(served.body());
      assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");

      Set<String> documented = new TreeSet<>();
      for (Iterator<String> paths = document.get("paths").fieldNames(); paths.hasNext(); ) {
        String path = paths.next();
        document.get("paths").get(path).fieldNames()
            .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
      }
      Set<String> routed = new TreeSet<>();
      for (Route route : server.router().getRoutes()) {
        String path = route.getPath();
        if (path == null || !path.startsWith("/api/") || path.endsWith("*") || route.methods() == null) {
          continue; // the catch-all body, authentication and 404 handlers, not operations
        }
        for (HttpMethod method : route.methods()) {
          routed.add(method.name() + " " + path.replaceAll(":([A-Za-z]+)", "{$1}"));
        }
      }
      assertThat(routed).hasSizeGreaterThan(15);
      assertThat(routed).isEqualTo(documented);
    }
  }
}
