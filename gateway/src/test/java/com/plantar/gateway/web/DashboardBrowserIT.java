package com.plantar.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.api.ApiOptions;
import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.demo.DemoRun;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.Hub;
import com.plantar.gateway.registry.Role;
import com.plantar.gateway.server.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (Debian's chromium, headless) against a real gateway: embedded
 * QuestDB, loopback, ephemeral ports, the demo's simulated wearers (two walking live, one whose
 * days of history with an orthotic fitted halfway arrive as a backlog sync). Two physiotherapists:
 * A is assigned the history wearer and a live one, B only another live one; A's live wearer also
 * signs in. Each page is saved as a PNG in target/browser-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final String HISTORY_WEARER = "hub-history";
  private static final String PHYSIO_A = "physio-a";
  private static final String PHYSIO_B = "physio-b";
  /** The wearer account of physio A's live wearer. */
  private static final String WEARER_A = "wearer-a";
  /** A same-origin address that runs no script of its own (the sign-in page redirects when signed in). */
  private static final String NEUTRAL_PAGE = "/api/openapi.json";
  private static final String PASSWORD = "correct horse battery staple";
  /** Two days of history, the orthotic fitted after the first: a daily walk before it and one after. */
  private static final int HISTORY_DAYS = 2;

  private Gateway gateway;
  private DemoRun demo;
  private HeadlessChromium browser;
  private ApiClient api;
  private String base;
  private String liveWearerOfA;
  private String wearerOfB;

  @BeforeAll
  // Seconds on a quiet machine; the bound is for a shared one (measured: 100 s at load average 20 on 2 cores).
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void startGatewayWearersAndBrowser(@TempDir Path dir) throws Exception {
    long setupNanos = System.nanoTime();
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.host", "127.0.0.1", "http.port", "0", "mqtt.sessionLoops", "2", "dataDir", dir.toString(),
            // Devices authenticate with PBKDF2-hashed tokens: on a busy 2-core machine that takes seconds.
            "mqtt.connectTimeoutSeconds", "60"));
    // A cheap Argon2id cost: the test signs in a few times and proves nothing about the hash's strength.
    PasswordHasher.Cost cheap = new PasswordHasher.Cost(1024, 1, 1);
    gateway = Gateway.start(config, false, Optional.empty(), Gateway.embeddedStore(config),
        ApiOptions.defaults(config.http()).withPasswordCost(cheap));
    base = "http://127.0.0.1:" + gateway.http().port();
    PasswordHasher hasher = new PasswordHasher(cheap, new SecureRandom());
    demo = DemoRun.start(gateway, 2, HISTORY_DAYS, hasher);

    List<String> liveWearers = gateway.registry().listHubs(Optional.of(DemoRun.TENANT)).stream().map(Hub::hubId)
        .filter(id -> !id.equals(HISTORY_WEARER)).sorted().toList();
    liveWearerOfA = liveWearers.get(0);
    wearerOfB = liveWearers.get(1);
    Accounts accounts = gateway.registry().accounts();
    accounts.add(PHYSIO_A, Role.PHYSIO, hasher.hash(PASSWORD), Optional.empty());
    accounts.add(PHYSIO_B, Role.PHYSIO, hasher.hash(PASSWORD), Optional.empty());
    accounts.assign(PHYSIO_A, HISTORY_WEARER);
    accounts.assign(PHYSIO_A, liveWearerOfA);
    accounts.assign(PHYSIO_B, wearerOfB);
    accounts.add(WEARER_A, Role.WEARER, hasher.hash(PASSWORD), Optional.of(liveWearerOfA));

    api = new ApiClient(base);
    api.signIn(PHYSIO_A, PASSWORD);
    // The history (uploaded as a backlog sync) is stored once its strides come back from the API.
    long startNanos = System.nanoTime();
    String strides = "/api/wearers/" + HISTORY_WEARER + "/strides?format=csv&from="
        + LocalDate.now(ZoneOffset.UTC).minusDays(HISTORY_DAYS + 1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
    await().atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofSeconds(1))
        .alias("the history wearer's strides stored")
        .until(() -> {
          assertThat(demo.historyStatus()).as("the demo's history upload").doesNotContain("failed");
          ApiClient.Response response = api.get(strides);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          return demo.historyStatus().endsWith("done") && response.body().lines().count() > 100;
        });
    System.out.printf("DashboardBrowserIT: gateway and demo started in %.1f s, %d days of history stored %.1f s later%n",
        (startNanos - setupNanos) / 1e9, HISTORY_DAYS, (System.nanoTime() - startNanos) / 1e9);
    browser = new HeadlessChromium(dir.resolve("downloads"), SCREENSHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void physioSignsInAndSeesOnlyTheWearersAssignedToThem() throws IOException {
    signOut();
    browser.open(base + "/login");
    browser.waitFor("#username");
    browser.screenshot("login");
    signInAs(PHYSIO_A);
    browser.waitFor("#wearers");
    List<String> shown = browser.driver().findElements(By.cssSelector("#wearers tr[data-wearer]")).stream()
        .map(row -> row.getAttribute("data-wearer")).sorted().toList();
    assertThat(shown).as("physio A's wearer list").containsExactlyInAnyOrder(HISTORY_WEARER, liveWearerOfA);
    browser.screenshot("wearers");
  }

  @Test
  void wearerPageShowsATrendChartWithPointsForBothFeet() throws IOException {
    signInAs(PHYSIO_A);
    browser.open(base + "/wearers/" + HISTORY_WEARER);
    WebElement chart = browser.waitFor("#trend-chart canvas");
    await().atMost(Duration.ofSeconds(10)).until(() -> pointsDrawn("#trend-chart") > 0);
    // Counted from the data uPlot itself plots (series 1 = left, 2 = right), not from our own attribute.
    long left = ((Number) browser.script(
        "return document.querySelector('#trend-chart').uplot.data[1].filter(v => v != null).length;")).longValue();
    long right = ((Number) browser.script(
        "return document.querySelector('#trend-chart').uplot.data[2].filter(v => v != null).length;")).longValue();
    assertThat(left).as("days with left-foot strides").isGreaterThanOrEqualTo(2);
    assertThat(right).as("days with right-foot strides").isGreaterThanOrEqualTo(2);
    assertThat(chart.isDisplayed()).isTrue();
    assertThat(browser.driver().findElement(By.id("sync-table")).getText()).contains("Left").contains("Right");
    browser.screenshot("wearer");
  }

  @Test
  void perStrideCsvDownloadsWithUnitsInTheHeaderAndOneRowPerStride() throws Exception {
    signInAs(PHYSIO_A);
    browser.open(base + "/wearers/" + HISTORY_WEARER);
    browser.waitFor("#trend-chart canvas");
    browser.driver().findElement(By.id("strides-csv")).click();
    Path csv = browser.downloads().resolve(HISTORY_WEARER + "-strides.csv");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv) && Files.size(csv) > 0
        && !Files.exists(browser.downloads().resolve(HISTORY_WEARER + "-strides.csv.crdownload")));
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String header = lines.get(0);
    assertThat(header).startsWith("side,").contains("_utc").contains("stride_time_s").contains("_pct");
    assertThat(lines.size()).as("strides in the CSV").isGreaterThan(100);
    assertThat(lines.get(1)).matches("[LR],.*");
  }

  @Test
  void physioRecordsTheOrthoticAndItsBeforeAfterReportComparesMetricsAndLoadMaps() throws IOException {
    signInAs(PHYSIO_A);
    browser.open(base + "/wearers/" + HISTORY_WEARER);
    WebElement form = browser.waitFor("#add-intervention");
    String note = "Browser test orthotic " + System.nanoTime();
    browser.script("arguments[0].value = arguments[1];", form.findElement(By.id("iv-date")),
        demo.orthoticFitted().toString());
    form.findElement(By.id("iv-note")).sendKeys(note);
    form.findElement(By.cssSelector("button[type='submit']")).click();
    // Added with the session's CSRF token; the new row links to its report.
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver()
        .findElements(By.cssSelector("#interventions-table")).stream().anyMatch(t -> t.getText().contains(note)));
    browser.driver().findElements(By.cssSelector("#interventions-table tr[data-intervention]")).stream()
        .filter(r -> r.getText().contains(note)).findFirst().orElseThrow()
        .findElement(By.linkText("Before/after report")).click();
    browser.waitFor("#report-table");
    assertThat(browser.driver().findElement(By.id("report")).getText()).contains(note);
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#report-table tbody tr"));
    assertThat(rows).as("metric rows (per metric and foot)").hasSizeGreaterThanOrEqualTo(4);
    assertThat(rows.get(0).getText()).containsPattern("\\d+(\\.\\d+)? ± \\d");
    assertThat(browser.driver().findElements(By.cssSelector("#load-maps svg[data-side]"))).hasSize(4);
    browser.screenshot("report");
    browser.screenshotOf("#load-maps", "report-load-maps");
  }

  @Test
  void liveViewChangesWhileTheWearerWalks() throws Exception {
    signInAs(PHYSIO_A);
    browser.open(base + "/wearers/" + liveWearerOfA + "/live");
    browser.waitFor("#live-status[data-state='live']");
    String first = pressureSnapshot();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(150))
        .until(() -> !pressureSnapshot().equals(first));
    long framesBefore = framesReceived();
    long startNanos = System.nanoTime();
    Thread.sleep(2000); // two seconds of the feed, to measure its rate as the page received it
    double perSecond = (framesReceived() - framesBefore) / ((System.nanoTime() - startNanos) / 1e9);
    assertThat(perSecond).as("SSE frames per second received by the page").isGreaterThanOrEqualTo(10);
    browser.screenshot("live");
  }

  @Test
  void physioSendsCommandsToInsolesAndSeesWhatBecameOfThem() throws Exception {
    signInAs(PHYSIO_A);
    browser.open(base + "/wearers/" + liveWearerOfA);
    WebElement insole = browser.waitFor("#insole-commands .insole-commands[data-device]");
    WebElement outcome = insole.findElement(By.cssSelector("[role='status'][aria-live='polite']"));
    double queuedBefore = commandsCounted("queued");

    // Checked in the page: an out-of-range rate is refused there and never sent.
    insole.findElement(By.cssSelector("input[type='number']")).sendKeys("5000");
    insole.findElement(By.cssSelector("button[data-cmd='set_rate']")).click();
    assertThat(outcome.getAttribute("data-outcome")).isEqualTo("invalid");
    assertThat(outcome.getText()).contains("1 to 1000 Hz");
    // Zeroing asks first; cancelled, nothing is sent.
    insole.findElement(By.cssSelector("button[data-cmd='tare']")).click();
    WebElement confirmTare = insole.findElement(By.cssSelector("button[data-confirm='tare']"));
    assertThat(confirmTare.isDisplayed()).isTrue();
    confirmTare.findElement(By.xpath("following-sibling::button[text()='Cancel']")).click();
    assertThat(confirmTare.isDisplayed()).isFalse();

    // The simulated insole subscribes to its command topic on this gateway, so the command is queued for it.
    WebElement rebirth = insole.findElement(By.cssSelector("button[data-cmd='rebirth']"));
    assertThat(rebirth.getText()).isEqualTo("Ask it to introduce itself again");
    rebirth.click();
    await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(outcome.getAttribute("data-outcome")));
    assertThat(outcome.getText()).startsWith("Sent").contains("introduce itself again");
    assertThat(rebirth.isEnabled()).isTrue();
    assertThat(commandsCounted("queued") - queuedBefore).as("commands the API queued").isEqualTo(1.0);
    browser.screenshotOf("#insole-commands", "insole-commands");

    // The history wearer's insoles uploaded through a phone that has disconnected: no session takes the command.
    browser.open(base + "/wearers/" + HISTORY_WEARER);
    WebElement offline = browser.waitFor("#insole-commands .insole-commands[data-device]");
    offline.findElement(By.cssSelector("button[data-cmd='resend']")).click();
    WebElement offlineOutcome = offline.findElement(By.cssSelector("[role='status']"));
    await().atMost(Duration.ofSeconds(15)).until(() -> "offline".equals(offlineOutcome.getAttribute("data-outcome")));
    assertThat(offlineOutcome.getText()).startsWith("The insole is not connected");
  }

  @Test
  void wearerSeesTheirInsolesButIsOfferedNoCommands() {
    signInAs(WEARER_A);
    browser.open(base + "/wearers/" + liveWearerOfA);
    // The commands panel would be drawn together with the profile's device table.
    assertThat(browser.waitFor("#profile table").getText()).contains("Insole");
    assertThat(browser.driver().findElements(By.cssSelector("#insole-commands, button[data-cmd]"))).isEmpty();
  }

  @Test
  void secondPhysioCannotOpenAWearerNotAssignedToThem() throws Exception {
    signInAs(PHYSIO_B);
    browser.open(base + "/wearers/" + HISTORY_WEARER);
    WebElement state = browser.waitFor("[data-state='forbidden']");
    assertThat(state.getText()).contains("You are not assigned to this wearer");
    browser.screenshot("forbidden");

    ApiClient physioB = new ApiClient(base);
    physioB.signIn(PHYSIO_B, PASSWORD);
    for (String path : Stream.of("", "/trends?metric=stance_pct&bucket=day", "/strides?format=csv", "/live")
        .map(p -> "/api/wearers/" + HISTORY_WEARER + p).toList()) {
      assertThat(physioB.get(path).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(physioB.get("/api/wearers/" + wearerOfB).statusCode()).isEqualTo(200);
  }

  private void signInAs(String user) {
    browser.open(base + NEUTRAL_PAGE);
    Object current = browser.script("return fetch('/api/session').then(r => r.ok ? r.json() : null)"
        + ".then(s => s && s.username);");
    if (user.equals(current)) {
      browser.open(base + "/wearers");
      return;
    }
    if (current != null) {
      signOut();
    }
    browser.open(base + "/login");
    browser.waitFor("#username").sendKeys(user);
    browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
    browser.driver().findElement(By.id("sign-in")).click();
    browser.waitFor("header.topbar .who[data-user='" + user + "']");
  }

  /** Ends the browser's session, if it has one, as the page's sign-out button does. */
  private void signOut() {
    browser.open(base + NEUTRAL_PAGE);
    browser.script("return fetch('/api/session').then(r => r.ok ? r.json() : null).then(s => s && fetch('/api/session', "
        + "{method: 'DELETE', headers: {'X-CSRF-Token': s.csrfToken}}));");
  }

  private long pointsDrawn(String chart) {
    Object points = browser.script("return arguments[0].dataset.points;",
        browser.driver().findElement(By.cssSelector(chart)));
    return points == null ? 0 : Long.parseLong(points.toString());
  }

  /** The gateway's count of API commands with this result (Prometheus text), 0 before the first. */
  private double commandsCounted(String result) throws IOException, InterruptedException {
    Matcher counted = Pattern.compile("^plantar_api_commands_total\\{[^}]*result=\"" + result + "\"[^}]*} (\\S+)$",
        Pattern.MULTILINE).matcher(api.get("/metrics").body());
    return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
  }

  /** Every cell's drawn colour, both feet, as one string. */
  private String pressureSnapshot() {
    return (String) browser.script(
        "return [...document.querySelectorAll('#live circle[data-cell]')].map(c => c.getAttribute('fill')).join(';');");
  }

  private long framesReceived() {
    return Long.parseLong((String) browser.script("return document.getElementById('live').dataset.frames;"));
  }
}
