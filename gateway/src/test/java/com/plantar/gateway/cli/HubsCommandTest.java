package com.plantar.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.TestRegistries;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubsCommandTest {

  private static final String A = "00000000000000a1";
  private static final String B = "00000000000000b2";
  private static final String OTHER_TENANT = "00000000000000c3";

  @TempDir Path dataDir;

  private CliRun run(Object command, String... args) {
    String[] withDir = Stream.concat(Stream.of("--data-dir", dataDir.toString()), Stream.of(args)).toArray(String[]::new);
    return CliRun.of(command, withDir);
  }

  private CliRun hubs(String... args) {
    return run(new HubsCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE))), args);
  }

  @BeforeEach
  void registerDevices() {
    for (String[] d : new String[][] {{"acme", A}, {"acme", B}, {"beta", OTHER_TENANT}}) {
      assertThat(run(new DevicesCommand(dir -> TestRegistries.open(dir.resolve(RegistryOpener.DB_FILE))),
          "add", "--tenant", d[0], "--side", "L", "--model", "PL-16", d[1]).exitCode()).isZero();
    }
  }

  @Test
  void addPrintsOnlyTheTokenAndTheHubCanBeListed() {
    CliRun add = hubs("add", "--tenant", "acme", "phone-1");

    assertThat(add.exitCode()).isZero();
    assertThat(add.outLines()).singleElement().asString().matches("[A-Za-z0-9_-]{43}");
    assertThat(add.err()).contains("phone-1").contains("shown only this once");
    assertThat(hubs("list").outLines()).containsExactly("phone-1\tacme\tactive\t2026-11-25T16:00:00Z\t-");
  }

  @Test
  void pairAndUnpairChangeWhatTheHubActsFor() {
    hubs("add", "--tenant", "acme", "phone-1");

    assertThat(hubs("pair", "phone-1", A, B).outLines())
        .containsExactly("paired hub phone-1 with device " + A, "paired hub phone-1 with device " + B);
    assertThat(hubs("pair", "phone-1", A).outLines()).containsExactly("hub phone-1 was already paired with device " + A);
    assertThat(hubs("list").outLines()).containsExactly("phone-1\tacme\tactive\t2026-11-25T16:00:00Z\t" + A + "," + B);

    assertThat(hubs("unpair", "phone-1", A).outLines()).containsExactly("unpaired hub phone-1 from device " + A);
    assertThat(hubs("unpair", "phone-1", A).outLines()).containsExactly("hub phone-1 was not paired with device " + A);
    try (Registry registry = TestRegistries.open(dataDir.resolve(RegistryOpener.DB_FILE))) {
      assertThat(registry.findCredential("phone-1").orElseThrow().deviceIds()).containsExactly(B);
    }
  }

  @Test
  void pairingAcrossTenantsIsRefused() {
    hubs("add", "--tenant", "acme", "phone-1");

    CliRun run = hubs("pair", "phone-1", OTHER_TENANT);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("plantar: hub phone-1 belongs to tenant acme but device " + OTHER_TENANT
        + " to tenant beta\n");
  }

  @Test
  void revokeAndRotateWorkLikeTheirDeviceCounterparts() {
    String first = hubs("add", "--tenant", "acme", "phone-1").out().strip();

    String second = hubs("rotate", "phone-1").out().strip();
    assertThat(second).isNotEqualTo(first).matches("[A-Za-z0-9_-]{43}");

    assertThat(hubs("revoke", "phone-1")).isEqualTo(new CliRun(0, "revoked hub phone-1\n", ""));
    assertThat(hubs("list").outLines()).singleElement().asString().startsWith("phone-1\tacme\trevoked\t");
    assertThat(hubs("rotate", "phone-1")).isEqualTo(new CliRun(1, "", "plantar: hub phone-1 is revoked\n"));
    assertThat(hubs("pair", "phone-1", A)).isEqualTo(new CliRun(1, "", "plantar: hub phone-1 is revoked\n"));
  }

  @Test
  void aHubIdThatLooksLikeADeviceIdIsRefused() {
    CliRun run = hubs("add", "--tenant", "acme", A);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not look like a device id");
  }

  @Test
  void pairNeedsAtLeastOneDevice() {
    hubs("add", "--tenant", "acme", "phone-1");
    assertThat(hubs("pair", "phone-1").exitCode()).isEqualTo(2);
  }
}
