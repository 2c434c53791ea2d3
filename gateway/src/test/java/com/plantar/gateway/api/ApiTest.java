package com.plantar.gateway.api;

import static com.plantar.gateway.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.plantar.gateway.api.auth.LoginLimiter;
import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.demo.DemoRun;
import com.plantar.gateway.registry.AuditEntry;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.server.Gateway;
import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.AlertSeverity;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideMetrics;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.testing.NoLeaks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API against one real gateway on loopback (embedded QuestDB, registry, MQTT): one simulated
 * wearer streams live through MQTT (the demo's provisioning, physiotherapist and fleet), and the
 * history wearer gets 200 strides per foot written to the store around an intervention recorded
 * through the API. Every call is a real HTTP request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoLeaks.class)
class ApiTest {
  private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(256, 1, 1);
  private static final String HISTORY = "hub-history";
  private static final String TENANT = DemoRun.TENANT;

  @TempDir static Path dir;

  private Gateway gateway;
  private DemoRun demo;
  private String liveWearer;
  private LocalDate fitted;
  private final List<StrideRow> written = new ArrayList<>();

  @BeforeAll
  void startGatewayWithOneLiveWearerAndStridesAroundAnIntervention() throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.host", "127.0.0.1", "http.port", "0", "mqtt.sessionLoops", "2", "dataDir", dir.toString()));
    ApiOptions options = ApiOptions.defaults(config.http()).withPasswordCost(CHEAP)
        .withLoginLimits(new LoginLimiter.Limits(3, 1_000, Duration.ofMinutes(5)));
    gateway = Gateway.start(config, false, Optional.empty(), Gateway.embeddedStore(config), options);
    PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());
    demo = DemoRun.start(gateway, 1, 0, hasher);
    liveWearer = gateway.registry().wearers().list().stream().map(w -> w.id()).filter(id -> !id.equals(HISTORY))
        .findFirst().orElseThrow();
    var accounts = gateway.registry().accounts();
    accounts.add("admin1", Role.ADMIN, hasher.hash("password-admin1"), Optional.empty());
    accounts.add("physio2", Role.PHYSIO, hasher.hash("password-physio2"), Optional.empty());
    accounts.add("wearer1", Role.WEARER, hasher.hash("password-wearer1"), Optional.of(liveWearer));
    accounts.add("locked", Role.PHYSIO, hasher.hash("password-locked"), Optional.empty());

    fitted = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    Random random = new Random(8);
    for (int day = -10; day < 10; day++) {
      long dayStart = fitted.plusDays(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
      for (int i = 0; i < 10; i++) {
        for (Side side : Side.values()) {
          boolean after = day >= 0;
          long ic = dayStart + 9 * 3_600_000_000L + i * 1_100_000L + side.ordinal() * 550_000L;
          StrideMetrics metrics = StrideMetrics.builder()
              .put(StrideMetric.STRIDE_TIME_S, 1.1)
              .put(StrideMetric.STANCE_PCT, (after ? 60 : 62) + random.nextGaussian())
              .put(StrideMetric.IMPULSE_N_S, side == Side.L ? (after ? 255 : 280) : (after ? 245 : 220))
              .put(StrideMetric.LOAD_SHARE_MEDIAL, after ? 0.5 : 0.6)
              .put(StrideMetric.LOAD_SHARE_LATERAL, after ? 0.5 : 0.4)
              .put(StrideMetric.LOAD_SHARE_HEEL, 0.3).build();
          written.add(new StrideRow(TENANT, HISTORY, side == Side.L ? "00000000000de001" : "00000000000de002", side,
              ic, ic + 660_000, ic + 1_100_000, metrics));
        }
      }
    }
    gateway.store().writeStrides(written).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    if (demo != null) {
      demo.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private ApiClient physio() throws Exception {
    ApiClient client = new ApiClient(gateway.http().port());
    assertThat(client.signIn(demo.physioUsername(), demo.physioPassword()).statusCode()).isEqualTo(200);
    return client;
  }

  private ApiClient signedIn(String user) throws Exception {
    ApiClient client = new ApiClient(gateway.http().port());
    assertThat(client.signIn(user, "password-" + user).statusCode()).isEqualTo(200);
    return client;
  }

  private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(json(response).get("code").asText()).isEqualTo(code);
    assertThat(json(response).get("error").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("com.plantar");
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieAndSigningOutNeedsTheCsrfToken() throws Exception {
    ApiClient client = new ApiClient(gateway.http().port());
    HttpResponse<String> signIn = client.signIn(demo.physioUsername(), demo.physioPassword());
    assertThat(signIn.statusCode()).isEqualTo(200);
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("plantar_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
        .contains("Path=/").doesNotContain("Secure");
    assertThat(json(signIn).get("role").asText()).isEqualTo("physio");
    assertThat(json(client.get("/api/session")).get("username").asText()).isEqualTo("demo-physio");
    assertError(client.send("DELETE", "/api/session", null, false), 403, "csrf");
    assertThat(client.send("DELETE", "/api/session", null).statusCode()).isEqualTo(204);
    assertError(client.get("/api/session"), 401, "unauthorized");
    assertError(new ApiClient(gateway.http().port()).signIn("demo-physio", "wrong-password"), 401, "unauthorized");
    HttpResponse<String> behindTlsProxy = new ApiClient(gateway.http().port()).send("POST", "/api/session",
        "{\"username\":\"admin1\",\"password\":\"password-admin1\"}", false, "X-Forwarded-Proto", "https");
    assertThat(behindTlsProxy.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    assertError(new ApiClient(gateway.http().port()).signIn("nobody", "wrong-password"), 401, "unauthorized");
  }

  @Test
  void eachRoleSeesOnlyItsWearers() throws Exception {
    assertError(new ApiClient(gateway.http().port()).get("/api/wearers"), 401, "unauthorized");
    JsonNode physioList = json(physio().get("/api/wearers"));
    assertThat(physioList).extracting(w -> w.get("id").asText()).containsExactlyInAnyOrder(liveWearer, HISTORY);
    assertThat(json(signedIn("admin1").get("/api/wearers"))).hasSize(2);
    assertThat(json(signedIn("physio2").get("/api/wearers"))).isEmpty();
    ApiClient wearer = signedIn("wearer1");
    assertThat(json(wearer.get("/api/wearers"))).extracting(w -> w.get("id").asText()).containsExactly(liveWearer);
    assertThat(wearer.get("/api/wearers/" + liveWearer).statusCode()).isEqualTo(200);

    assertError(signedIn("physio2").get("/api/wearers/" + HISTORY), 403, "forbidden");
    assertError(signedIn("physio2").get("/api/wearers/" + HISTORY + "/strides?format=csv"), 403, "forbidden");
    assertError(wearer.get("/api/wearers/" + HISTORY + "/trends?metric=stance_pct"), 403, "forbidden");
    assertError(physio().get("/api/wearers/hub-nobody"), 404, "not_found");
    assertError(wearer.send("POST", "/api/wearers/" + liveWearer + "/interventions",
        "{\"kind\":\"other\",\"date\":\"2026-01-01\"}"), 403, "forbidden");
  }

  @Test
  void everyReadOfAWearersDataIsAudited() throws Exception {
    ApiClient physio = physio();
    assertThat(physio.get("/api/wearers/" + HISTORY + "/bouts").statusCode()).isEqualTo(200);
    List<AuditEntry> entries = gateway.registry().accounts().auditEntries(Optional.of(HISTORY), 5);
    assertThat(entries.get(0).username()).isEqualTo("demo-physio");
    assertThat(entries.get(0).action()).isEqualTo("bouts");
    assertThat(entries.get(0).remoteAddress()).contains("127.0.0.1");
    signedIn("physio2").get("/api/wearers/" + HISTORY);
    assertThat(gateway.registry().accounts().auditEntries(Optional.of(HISTORY), 1).get(0).username())
        .as("a refused read is not a read").isEqualTo("demo-physio");
  }

  @Test
  void trendsAggregateEachDayPerFoot() throws Exception {
    String from = fitted.minusDays(10).toString();
    JsonNode trend = json(physio().get("/api/wearers/" + HISTORY + "/trends?metric=stance_pct&bucket=day&from=" + from
        + "&to=" + fitted.plusDays(10)));
    assertThat(trend.get("unit").asText()).isEqualTo("% of stride");
    JsonNode left = trend.get("series").get(0);
    assertThat(left.get("side").asText()).isEqualTo("L");
    assertThat(left.get("points")).hasSize(20);
    JsonNode first = left.get("points").get(0);
    double expected = written.stream().filter(r -> r.side() == Side.L
            && r.initialContactUtcUs() < fitted.minusDays(9).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L)
        .mapToDouble(r -> r.metrics().get(StrideMetric.STANCE_PCT)).average().orElseThrow();
    assertThat(first.get("n").asInt()).isEqualTo(10);
    assertThat(first.get("mean").asDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(first.get("t").asText()).isEqualTo(from + "T00:00:00.000Z");
    JsonNode weekly = json(physio().get("/api/wearers/" + HISTORY + "/trends?metric=load_share_medial&bucket=week&from="
        + from));
    assertThat(weekly.get("unit").asText()).isEqualTo("% of stance load");
    assertThat(weekly.get("series").get(1).get("points").get(0).get("mean").asDouble()).isBetween(49.999, 60.001);
  }

  @Test
  void badParametersAreClearFourHundreds() throws Exception {
    ApiClient physio = physio();
    String trends = "/api/wearers/" + HISTORY + "/trends";
    assertError(physio.get(trends + "?metric=shoe_colour"), 400, "unknown_metric");
    assertError(physio.get(trends), 400, "missing_parameter");
    assertError(physio.get(trends + "?metric=stance_pct&from=yesterday"), 400, "bad_date");
    assertError(physio.get(trends + "?metric=stance_pct&from=2020-01-01&to=2026-01-01"), 400, "range_too_large");
    assertError(physio.get(trends + "?metric=stance_pct&from=2026-01-02&to=2026-01-01"), 400, "bad_range");
    assertError(physio.get(trends + "?metric=stance_pct&bucket=hour"), 400, "bad_parameter");
    assertError(physio.get("/api/wearers/" + HISTORY + "/strides?from=2025-01-01&to=2026-01-01"), 400, "range_too_large");
    String interventions = "/api/wearers/" + HISTORY + "/interventions";
    assertError(physio.send("POST", interventions, "{\"kind\":"), 400, "malformed_json");
    assertError(physio.send("POST", interventions, "[1,2]"), 400, "wrong_type");
    assertError(physio.send("POST", interventions, "{\"kind\":7,\"date\":\"2026-01-01\"}"), 400, "wrong_type");
    assertError(physio.send("POST", interventions, "{\"kind\":\"other\",\"date\":\"01/02/2026\"}"), 400, "bad_date");
    assertError(physio.send("POST", interventions, "{\"kind\":\"x\",\"note\":\"" + "a".repeat(40_000) + "\"}"), 413,
        "body_too_large");
    assertError(physio.get("/api/nothing-here"), 404, "not_found");
    assertThat(physio.get("/metrics").body()).contains("plantar_api_errors_total{code=\"unknown_metric\"}");
  }

  @Test
  void stridesComeAsJsonAndAsCsvWithUnitsInTheHeader() throws Exception {
    String range = "?from=" + fitted.minusDays(2) + "&to=" + fitted;
    JsonNode strides = json(physio().get("/api/wearers/" + HISTORY + "/strides" + range));
    assertThat(strides).hasSize(40);
    assertThat(strides.get(0).get("metrics").get("stride_time_s").asDouble()).isEqualTo(1.1);
    HttpResponse<String> csv = physio().get("/api/wearers/" + HISTORY + "/strides" + range + "&format=csv");
    assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"hub-history-strides.csv\"");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("side,device,initial_contact_utc,toe_off_utc,next_initial_contact_utc,stride_time_s,")
        .contains(",stance_pct,").contains(",load_share_medial_pct,").contains(",impulse_n_s,");
    assertThat(lines).hasSize(41);
    assertThat(lines[1]).startsWith("L,00000000000de001," + fitted.minusDays(2) + "T09:00:00.000Z,");
  }

  @Test
  void theBeforeAfterReportShowsTheChangeWithItsStatistics() throws Exception {
    ApiClient physio = physio();
    HttpResponse<String> created = physio.send("POST", "/api/wearers/" + HISTORY + "/interventions",
        "{\"kind\":\"orthotic_fitted\",\"date\":\"" + fitted + "\",\"note\":\"medial arch support\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();
    assertThat(json(physio.get("/api/wearers/" + HISTORY)).get("interventions").findValuesAsText("id")).contains(id);

    JsonNode report = json(physio.get("/api/wearers/" + HISTORY + "/report?intervention=" + id + "&days=10"));
    assertThat(report.get("before").get("strides").asInt()).isEqualTo(200);
    assertThat(report.get("after").get("strides").asInt()).isEqualTo(200);
    JsonNode stanceLeft = null;
    for (JsonNode m : report.get("metrics")) {
      if (m.get("metric").asText().equals("stance_pct") && m.get("side").asText().equals("L")) {
        stanceLeft = m;
      }
    }
    assertThat(stanceLeft).isNotNull();
    assertThat(stanceLeft.get("before").get("n").asInt()).isEqualTo(100);
    assertThat(stanceLeft.get("difference").asDouble()).isBetween(-2.4, -1.6);
    assertThat(stanceLeft.get("effectSize").asDouble()).isLessThan(-1.2);
    assertThat(stanceLeft.get("pValue").asDouble()).isLessThan(1e-6);
    assertThat(stanceLeft.get("test").asText()).isEqualTo("Welch t-test");
    JsonNode maps = report.get("loadMaps");
    assertThat(maps.get("before").get("L").get("medialPct").asDouble()).isCloseTo(60, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(maps.get("after").get("L").get("medialPct").asDouble()).isCloseTo(50, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(maps.get("before").get("leftSharePct").asDouble()).isCloseTo(56, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(maps.get("after").get("leftSharePct").asDouble()).isCloseTo(51, org.assertj.core.api.Assertions.within(1e-6));
    assertError(physio.get("/api/wearers/" + HISTORY + "/report?intervention=999999"), 404, "not_found");
  }

  @Test
  void bearerTokensWorkWithoutCookieOrCsrfAndForgedOnesDoNot() throws Exception {
    HttpResponse<String> issued = physio().send("POST", "/api/tokens", null);
    assertThat(issued.statusCode()).isEqualTo(201);
    ApiClient script = new ApiClient(gateway.http().port()).withBearer(json(issued).get("token").asText());
    assertThat(json(script.get("/api/wearers"))).hasSize(2);
    assertThat(script.send("POST", "/api/wearers/" + HISTORY + "/interventions",
        "{\"kind\":\"other\",\"date\":\"2026-01-01\"}", false).statusCode()).isEqualTo(201);
    assertError(new ApiClient(gateway.http().port()).withBearer("forged-token").get("/api/wearers"), 401, "unauthorized");
  }

  @Test
  void repeatedWrongPasswordsAreRateLimitedWithRetryAfter() throws Exception {
    ApiClient client = new ApiClient(gateway.http().port());
    for (int i = 0; i < 3; i++) {
      assertError(client.signIn("locked", "wrong-" + i), 401, "unauthorized");
    }
    HttpResponse<String> limited = client.signIn("locked", "password-locked");
    assertError(limited, 429, "rate_limited");
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
    assertThat(client.get("/metrics").body()).containsPattern("plantar_api_login_rate_limited_total [1-9]");
  }

  @Test
  void alertsCanBeAcknowledgedByThePhysiotherapistOnly() throws Exception {
    long at = fitted.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L + 5;
    gateway.store().writeAlerts(List.of(new AlertEvent(TENANT, HISTORY, Optional.of("00000000000de001"), at, "hot_spot",
        AlertSeverity.WARNING, 12, 10, "hot_spot (L cell 3): 12.0 above 10.0"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    ApiClient physio = physio();
    String path = "/api/wearers/" + HISTORY + "/alerts?from=" + fitted.minusDays(1);
    JsonNode alert = json(physio.get(path)).get(0);
    assertThat(alert.get("kind").asText()).isEqualTo("hot_spot_dwell");
    assertThat(alert.get("side").asText()).isEqualTo("L");
    assertThat(alert.get("acknowledged").asBoolean()).isFalse();
    String ack = "/api/wearers/" + HISTORY + "/alerts/" + alert.get("id").asText() + "/ack";
    assertError(physio.send("POST", ack, null, false), 403, "csrf");
    assertThat(physio.send("POST", ack, null).statusCode()).isEqualTo(204);
    JsonNode acknowledged = json(physio.get(path)).get(0);
    assertThat(acknowledged.get("acknowledged").asBoolean()).isTrue();
    assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("demo-physio");
    assertError(physio.send("POST", "/api/wearers/" + HISTORY + "/alerts/hot_spot-1/ack", null), 404, "not_found");
  }

  @Test
  void aPhysiotherapistCommandsAConnectedInsoleButNotAnOfflineOneAndAWearerCommandsNone() throws Exception {
    ApiClient physio = physio();
    String liveInsole = insoleOf(physio, liveWearer);
    String commands = "/api/wearers/" + liveWearer + "/devices/" + liveInsole + "/commands";
    HttpResponse<String> sent = physio.send("POST", commands, "{\"cmd\":\"set_rate\",\"rateHz\":100}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    JsonNode body = json(sent);
    assertThat(body.get("delivery").asText()).as("the simulated insole's hub subscribes to its cmd topic")
        .isEqualTo("queued");
    assertThat(body.get("cmd").asText()).isEqualTo("set_rate");
    assertThat(body.get("rateHz").asInt()).isEqualTo(100);
    assertThat(body.get("id").asText()).matches("[0-9a-f]{32}");

    String offline = "/api/wearers/" + HISTORY + "/devices/" + insoleOf(physio, HISTORY) + "/commands";
    assertError(physio.send("POST", offline, "{\"cmd\":\"tare\"}"), 409, "device_offline");
    assertError(physio.send("POST", commands, "{\"cmd\":\"format_flash\"}"), 400, "bad_command");
    assertError(physio.send("POST", commands, "{\"cmd\":\"set_rate\"}"), 400, "bad_command");
    assertError(physio.send("POST", commands, "{\"cmd\":\"set_rate\",\"rateHz\":\"fast\"}"), 400, "wrong_type");
    assertError(physio.send("POST", commands, "{}"), 400, "missing_field");
    assertError(physio.send("POST", "/api/wearers/" + liveWearer + "/devices/00000000000000ff/commands",
        "{\"cmd\":\"tare\"}"), 404, "not_found");
    assertError(signedIn("wearer1").send("POST", commands, "{\"cmd\":\"tare\"}"), 403, "forbidden");
    assertThat(gateway.registry().accounts().auditEntries(Optional.of(liveWearer), 100))
        .anyMatch(entry -> entry.action().equals("command"));
  }

  private static String insoleOf(ApiClient client, String wearerId) throws Exception {
    for (JsonNode device : json(client.get("/api/wearers/" + wearerId)).get("devices")) {
      if (device.get("kind").asText().equals("insole")) {
        return device.get("id").asText();
      }
    }
    throw new AssertionError("wearer " + wearerId + " has no insole");
  }

  @Test
  void theLiveWearerStreamsTwentyFramesASecondWithLayoutAndSyncStatus() throws Exception {
    ApiClient physio = physio();
    await().atMost(Duration.ofSeconds(30)).until(() -> !json(physio.get("/api/wearers/" + liveWearer + "/layout"))
        .get("R").isNull());
    JsonNode layout = json(physio.get("/api/wearers/" + liveWearer + "/layout"));
    int leftCells = layout.get("L").get("cells").size();
    assertThat(leftCells).isPositive();

    HttpResponse<java.io.InputStream> stream = physio.stream("/api/wearers/" + liveWearer + "/live");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    int frames = 0;
    JsonNode last = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      long firstFrame = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data: ")) {
          if (frames++ == 0) {
            firstFrame = System.nanoTime();
          }
          last = ApiClient.JSON.readTree(line.substring(6));
          if (System.nanoTime() - firstFrame >= TimeUnit.SECONDS.toNanos(3)) {
            break;
          }
        }
      }
    }
    assertThat(frames).as("frames in 3 s").isGreaterThanOrEqualTo(30);
    assertThat(last.get("L").get("cellsKpa")).hasSize(leftCells);
    assertThat(last.get("R").get("loadN").isNumber()).isTrue();
    assertThat(last.get("t").asText()).endsWith("Z");

    JsonNode sync = json(physio.get("/api/wearers/" + liveWearer + "/sync"));
    assertThat(sync.get("devices")).hasSize(2);
    assertThat(sync.get("devices").get(0).get("lastSeen").isTextual()).isTrue();
    assertThat(sync.get("devices").get(0).get("timeQuality").asText()).isIn("anchored", "unanchored");
    for (JsonNode wearer : json(physio.get("/api/wearers"))) {
      if (wearer.get("id").asText().equals(liveWearer)) {
        assertThat(wearer.get("lastSeen").isTextual()).isTrue();
      }
    }
  }

  @Test
  void healthReportsEveryCheckAndStaticRoutesStayInsideTheirRoots() throws Exception {
    ApiClient anonymous = new ApiClient(gateway.http().port());
    JsonNode health = json(anonymous.get("/health"));
    assertThat(health.get("status").asText()).isEqualTo("up");
    assertThat(health.get("checks").fieldNames()).toIterable().containsExactly("store", "journalLag", "mqtt", "registry");
    assertThat(anonymous.get("/api/openapi.json").statusCode()).isEqualTo(200);
    for (String path : List.of("/assets/../../registry.db", "/assets/%2e%2e/%2e%2e/registry.db",
        "/webjars/../../../etc/passwd", "/assets/..%2f..%2fapi%2fApiServer.class", "/wearers/../../etc/passwd")) {
      HttpResponse<String> response = anonymous.get(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.body()).doesNotContain("root:");
    }
    HttpResponse<String> home = anonymous.get("/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location")).contains("/login");
  }
}
