package com.plantar.gateway.demo;

import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.server.Gateway;
import com.plantar.simulator.fleet.FleetConfig;
import com.plantar.simulator.fleet.FleetStatus;
import com.plantar.simulator.fleet.SimulatorFleet;
import com.plantar.simulator.fleet.WearerIdentity;
import com.plantar.simulator.history.HistoryGenerator;
import com.plantar.simulator.history.HistoryRequest;
import com.plantar.simulator.model.GaitParameters;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code plantar demo} runs beside the gateway: a fleet of simulated wearers walking live, and
 * one wearer whose weeks of history (an orthotic fitted halfway) arrive as a backlog sync, all
 * through the gateway's MQTT port with registry credentials, so every frame takes the real path.
 */
public final class DemoRun implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
  public static final String TENANT = "demo";
  /** The history wearer's phone and insoles, apart from the live fleet's ids. */
  static final String HISTORY_HUB = "hub-history";
  static final long HISTORY_LEFT = 0x00000000000de001L;
  static final long HISTORY_RIGHT = 0x00000000000de002L;

  private final SimulatorFleet fleet;
  private final Thread historyThread;
  private final AtomicLong historyFrames = new AtomicLong();
  private final AtomicLong historySentAgain = new AtomicLong();
  private final AtomicReference<String> historyState = new AtomicReference<>("starting");
  private final LocalDate orthoticFitted;
  private final String physioPassword;

  private DemoRun(SimulatorFleet fleet, String broker, String historyToken, LocalDate from, LocalDate until,
      LocalDate orthoticFitted, String physioPassword) {
    this.fleet = fleet;
    this.orthoticFitted = orthoticFitted;
    this.physioPassword = physioPassword;
    this.historyThread = new Thread(() -> uploadHistory(broker, historyToken, from, until, orthoticFitted),
        "plantar-demo-history");
    historyThread.setDaemon(true);
  }

  /** Provisions the wearers, starts the live fleet and the history upload (in the background). */
  public static DemoRun start(Gateway gateway, int wearers, int historyDays) {
    return start(gateway, wearers, historyDays, new PasswordHasher(PasswordHasher.RECOMMENDED, new SecureRandom()));
  }

  /** As above, hashing the physiotherapist's password with {@code hasher} (tests use a cheap cost). */
  public static DemoRun start(Gateway gateway, int wearers, int historyDays, PasswordHasher hasher) {
    String broker = "tcp://127.0.0.1:" + gateway.mqtt().port();
    FleetConfig fleetConfig = FleetConfig.of(broker, wearers).withTenant(TENANT).withHubMode(true)
        .withProfile("mixed");
    Provisioning provisioning = new Provisioning(gateway.registry(), TENANT);
    for (WearerIdentity wearer : fleetConfig.identities()) {
      provisioning.wearer(wearer.hubId(), wearer.leftDeviceId(), wearer.rightDeviceId());
    }
    provisioning.wearer(HISTORY_HUB, HISTORY_LEFT, HISTORY_RIGHT);
    gateway.refreshWearers();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate from = today.minusDays(historyDays);
    LocalDate fitted = from.plusDays(historyDays / 2);
    List<String> wearerIds = new ArrayList<>();
    fleetConfig.identities().forEach(w -> wearerIds.add(w.hubId()));
    wearerIds.add(HISTORY_HUB);
    String password = DemoClinic.provision(gateway.registry(), wearerIds, HISTORY_HUB, fitted, hasher);
    SimulatorFleet fleet = SimulatorFleet.start(fleetConfig, provisioning::tokenFor);
    DemoRun run = new DemoRun(fleet, broker, provisioning.tokenFor(HISTORY_HUB), from, today, fitted, password);
    if (historyDays > 0) {
      run.historyThread.start();
    } else {
      run.historyState.set("none");
    }
    return run;
  }

  /**
   * Before the orthotic: pronation shifting load medially, a left/right imbalance and more
   * variable strides; after: nearer neutral. One 5-minute walk a day.
   */
  private void uploadHistory(String broker, String token, LocalDate from, LocalDate until, LocalDate fitted) {
    GaitParameters before = GaitParameters.typical().withPronation(0.7).withLeftLoadShare(0.56)
        .withStrideVariability(0.04);
    GaitParameters after = GaitParameters.typical().withPronation(0.15).withLeftLoadShare(0.51)
        .withStrideVariability(0.025);
    HistoryRequest request = new HistoryRequest(HISTORY_LEFT, HISTORY_RIGHT, from, until, ZoneOffset.UTC,
        List.of(LocalTime.of(9, 0)), Duration.ofMinutes(5), before,
        List.of(new HistoryRequest.ProfileChange(fitted, after)), "moticon16", 100, 25, 20, 7);
    historyState.set("uploading");
    try (HistoryUpload upload = new HistoryUpload(broker, TENANT, HISTORY_HUB, token, historySentAgain)) {
      new HistoryGenerator().generate(request, frame -> {
        try {
          upload.send(frame);
          historyFrames.set(upload.frames());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      upload.finish();
      historyState.set("done");
    } catch (Exception e) {
      if (historyThread.isInterrupted() || interrupted(e)) {
        historyState.set("stopped");
        return;
      }
      log.warn("demo history upload stopped", e);
      historyState.set("failed: " + e.getMessage());
    }
  }

  private static boolean interrupted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  public FleetStatus fleetStatus() {
    return fleet.status();
  }

  /** History frames sent so far, and where the upload is ("uploading", "done", …). */
  public String historyStatus() {
    long again = historySentAgain.get();
    return historyFrames.get() + " frames, " + historyState.get()
        + (again == 0 ? "" : " (" + again + " publishes sent again after the gateway refused them)");
  }

  public LocalDate orthoticFitted() {
    return orthoticFitted;
  }

  /** The demo physiotherapist's user name (assigned every demo wearer). */
  public String physioUsername() {
    return DemoClinic.PHYSIO;
  }

  /** The demo physiotherapist's password, generated at this start. */
  public String physioPassword() {
    return physioPassword;
  }

  /** The id of the wearer with weeks of history and the orthotic intervention. */
  public String historyWearer() {
    return HISTORY_HUB;
  }

  @Override
  public void close() {
    fleet.close();
    historyThread.interrupt();
  }
}
