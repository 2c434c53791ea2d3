package com.plantar.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.live.LiveFeed;
import com.plantar.gateway.api.sync.DeviceActivity;
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
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every /api route of the running router is in /api/openapi.json, and everything there is routed. */
class OpenApiDocumentTest {
  @TempDir Path dir;

  @Test
  void theDocumentAndTheRouterNameTheSameOperations() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Registry registry = Registry.open(dir.resolve("registry.db"), new SecretHasher(new SecureRandom(), 1_000),
            new TokenGenerator(new SecureRandom()), Clock.systemUTC());
        TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(dir.resolve("store")));
        ApiServer server = ApiServer.start(ApiOptions.defaults(new HttpConfig("127.0.0.1", 0, "/mqtt")),
            new ApiBackends(registry, store, new LiveFeed(), new DeviceActivity(), metrics, metrics::scrape, List.of(),
                -1))) {
      HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/api/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
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
