package com.plantar.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.RegistryException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryTest {

  private static final String LEFT = "00000000000000a1";
  private static final String RIGHT = "00000000000000a2";

  @TempDir Path dir;
  private Path dbFile;
  private Registry registry;

  @BeforeEach
  void openRegistry() {
    dbFile = dir.resolve("data/registry.db");
    registry = TestRegistries.open(dbFile);
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  @Test
  void addedDeviceIsListedWithItsAttributes() {
    IssuedToken token = registry.addDevice("acme", LEFT, Side.L, "PL-16 rev B");

    assertThat(token.identity()).isEqualTo(LEFT);
    assertThat(token.token()).hasSize(TokenGenerator.TOKEN_LENGTH);
    assertThat(registry.listDevices(Optional.empty()))
        .containsExactly(new Device(LEFT, "acme", Side.L, "PL-16 rev B", TestRegistries.NOW, Optional.empty()));
  }

  @Test
  void storesOnlyASaltedHashOfTheToken() throws SQLException {
    IssuedToken first = registry.addDevice("acme", LEFT, Side.L, "PL-16");
    IssuedToken hub = registry.addHub("acme", "phone-1");

    String deviceHash = storedHash("SELECT secret_hash FROM devices WHERE device_id = ?", LEFT);
    String hubHash = storedHash("SELECT secret_hash FROM hubs WHERE hub_id = ?", "phone-1");
    assertThat(deviceHash).startsWith("pbkdf2-sha256$").doesNotContain(first.token());
    assertThat(hubHash).startsWith("pbkdf2-sha256$").doesNotContain(hub.token());
    assertThat(TestRegistries.hasher().matches(first.token(), deviceHash)).isTrue();
    assertThat(TestRegistries.hasher().matches(hub.token(), hubHash)).isTrue();
    assertThat(first.toString()).doesNotContain(first.token());
  }

  @Test
  void refusesASecondDeviceWithTheSameIdEvenAfterRevocation() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");
    assertReason(() -> registry.addDevice("other", LEFT, Side.R, "PL-16"), Reason.ALREADY_EXISTS);

    registry.revokeDevice(LEFT);
    assertReason(() -> registry.addDevice("acme", LEFT, Side.L, "PL-16"), Reason.ALREADY_EXISTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "00000000000000A1", "00000000000000a", "00000000000000a1f", "g0000000000000a1", "0x000000000000a1"})
  void refusesADeviceIdThatIsNotSixteenLowerCaseHexDigits(String deviceId) {
    assertReason(() -> registry.addDevice("acme", deviceId, Side.L, "PL-16"), Reason.INVALID_ARGUMENT);
    assertThat(registry.listDevices(Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Acme", "ac/me", "ac+me", "ac#me", "$sys", "-acme", "ac me"})
  void refusesATenantThatCouldNotBeATopicLevel(String tenant) {
    assertReason(() -> registry.addDevice(tenant, LEFT, Side.L, "PL-16"), Reason.INVALID_ARGUMENT);
    assertReason(() -> registry.addHub(tenant, "phone-1"), Reason.INVALID_ARGUMENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789abcdef", "p", "Phone", "phone/1", "phone 1", "-phone", "phone#"})
  void refusesAHubIdThatIsMalformedOrLooksLikeADeviceId(String hubId) {
    assertReason(() -> registry.addHub("acme", hubId), Reason.INVALID_ARGUMENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " PL-16", "PL-16 ", "PL\t16", "PL\n16"})
  void refusesAModelThatWouldBreakTheListing(String model) {
    assertReason(() -> registry.addDevice("acme", LEFT, Side.L, model), Reason.INVALID_ARGUMENT);
  }

  @Test
  void listsDevicesOfOneTenantOrAll() {
    registry.addDevice("beta", RIGHT, Side.R, "PL-16");
    registry.addDevice("acme", LEFT, Side.L, "PL-16");

    assertThat(registry.listDevices(Optional.of("acme"))).extracting(Device::deviceId).containsExactly(LEFT);
    assertThat(registry.listDevices(Optional.empty())).extracting(Device::deviceId).containsExactly(LEFT, RIGHT);
  }

  @Test
  void revokedDeviceStaysListedAndCannotBeRotated() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");

    assertThat(registry.revokeDevice(LEFT)).isTrue();
    assertThat(registry.revokeDevice(LEFT)).isFalse();

    assertThat(registry.listDevices(Optional.empty())).singleElement()
        .satisfies(d -> assertThat(d.revokedAt()).contains(TestRegistries.NOW));
    assertThat(registry.findCredential(LEFT)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
    assertReason(() -> registry.rotateDevice(LEFT), Reason.REVOKED);
  }

  @Test
  void rotationReplacesTheStoredHashSoOnlyTheNewTokenMatches() {
    IssuedToken old = registry.addDevice("acme", LEFT, Side.L, "PL-16");

    IssuedToken fresh = registry.rotateDevice(LEFT);

    String stored = registry.findCredential(LEFT).orElseThrow().secretHash();
    assertThat(fresh.token()).isNotEqualTo(old.token());
    assertThat(TestRegistries.hasher().matches(fresh.token(), stored)).isTrue();
    assertThat(TestRegistries.hasher().matches(old.token(), stored)).isFalse();
  }

  @Test
  void operationsOnUnknownIdentitiesAreNotFound() {
    registry.addHub("acme", "phone-1");
    assertReason(() -> registry.revokeDevice(LEFT), Reason.NOT_FOUND);
    assertReason(() -> registry.rotateDevice(LEFT), Reason.NOT_FOUND);
    assertReason(() -> registry.revokeHub("phone-2"), Reason.NOT_FOUND);
    assertReason(() -> registry.rotateHub("phone-2"), Reason.NOT_FOUND);
    assertReason(() -> registry.pair("phone-1", LEFT), Reason.NOT_FOUND);
    assertReason(() -> registry.unpair("phone-1", LEFT), Reason.NOT_FOUND);
    assertThat(registry.findCredential(LEFT)).isEmpty();
    assertThat(registry.findCredential("not an id")).isEmpty();
  }

  @Test
  void hubActsForExactlyItsPairedDevices() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");
    registry.addDevice("acme", RIGHT, Side.R, "PL-16");
    registry.addHub("acme", "phone-1");

    assertThat(registry.pair("phone-1", LEFT)).isTrue();
    assertThat(registry.pair("phone-1", LEFT)).isFalse();
    assertThat(registry.pair("phone-1", RIGHT)).isTrue();
    assertThat(credentialDevices("phone-1")).containsExactlyInAnyOrder(LEFT, RIGHT);
    assertThat(registry.listHubs(Optional.of("acme"))).singleElement()
        .satisfies(h -> assertThat(h.pairedDeviceIds()).containsExactly(LEFT, RIGHT));

    assertThat(registry.unpair("phone-1", LEFT)).isTrue();
    assertThat(registry.unpair("phone-1", LEFT)).isFalse();
    assertThat(credentialDevices("phone-1")).containsExactly(RIGHT);
  }

  @Test
  void refusesToPairAcrossTenants() {
    registry.addDevice("beta", LEFT, Side.L, "PL-16");
    registry.addHub("acme", "phone-1");

    assertReason(() -> registry.pair("phone-1", LEFT), Reason.TENANT_MISMATCH);
    assertThat(credentialDevices("phone-1")).isEmpty();
  }

  @Test
  void revokedDevicesAndHubsCannotBePairedAndARevokedDeviceLeavesItsHubs() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");
    registry.addDevice("acme", RIGHT, Side.R, "PL-16");
    registry.addHub("acme", "phone-1");
    registry.addHub("acme", "phone-2");
    registry.pair("phone-1", LEFT);

    registry.revokeDevice(LEFT);
    registry.revokeHub("phone-2");

    assertThat(credentialDevices("phone-1")).isEmpty();
    assertReason(() -> registry.pair("phone-1", LEFT), Reason.REVOKED);
    assertReason(() -> registry.pair("phone-2", RIGHT), Reason.REVOKED);
    assertReason(() -> registry.rotateHub("phone-2"), Reason.REVOKED);
    assertThat(registry.revokeHub("phone-2")).isFalse();
  }

  @Test
  void anotherProcessSeesARevocationAtOnce() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");
    assertThat(registry.findCredential(LEFT)).hasValueSatisfying(c -> assertThat(c.revoked()).isFalse());

    try (Registry cli = TestRegistries.open(dbFile)) {
      cli.revokeDevice(LEFT);
    }

    assertThat(registry.findCredential(LEFT)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
  }

  @Test
  void reopeningKeepsTheRegistry() {
    registry.addDevice("acme", LEFT, Side.L, "PL-16");
    registry.close();

    registry = TestRegistries.open(dbFile);

    assertThat(registry.listDevices(Optional.empty())).extracting(Device::deviceId).containsExactly(LEFT);
  }

  @Test
  void aFileThatIsNotADatabaseIsAStorageError() throws Exception {
    Path notADatabase = dir.resolve("garbage.db");
    java.nio.file.Files.writeString(notADatabase, "this is not an SQLite file, it is long enough to have a header ....");

    assertReason(() -> TestRegistries.open(notADatabase), Reason.STORAGE);
  }

  private Set<String> credentialDevices(String identity) {
    return registry.findCredential(identity).orElseThrow().deviceIds();
  }

  private String storedHash(String sql, String id) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static void assertReason(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
