package com.plantar.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster mode's registry in a real PostgreSQL (binaries from Maven Central, started by the test):
 * the SQLite migrations apply as they are (twice is a no-op), and two instances sharing it see each
 * other's writes at once: a device registered or revoked on one is known or refused on the other.
 */
class PostgresRegistryIT {

  @Test
  @Timeout(180)
  void twoInstancesShareOneSchemaAndSeeEachOthersRevocations() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      try (Registry a = open(url); Registry b = open(url)) {
        IssuedToken token = a.addDevice("clinic", "00000000000000a1", Side.L, "PL-8");
        a.addDevice("clinic", "00000000000000a2", Side.R, "PL-8");
        a.addHub("clinic", "phone-ann");
        assertThat(a.pair("phone-ann", "00000000000000a1")).isTrue();
        assertThat(a.pair("phone-ann", "00000000000000a1")).as("pairing twice changes nothing").isFalse();
        assertThat(b.pair("phone-ann", "00000000000000a2")).isTrue();

        assertThat(b.listDevices(Optional.of("clinic"))).extracting(Device::deviceId)
            .containsExactly("00000000000000a1", "00000000000000a2");
        assertThat(b.listHubs(Optional.empty())).singleElement().satisfies(hub ->
            assertThat(hub.pairedDeviceIds()).containsExactly("00000000000000a1", "00000000000000a2"));
        Credential seen = b.findCredential(token.identity()).orElseThrow();
        assertThat(seen.revoked()).isFalse();
        assertThat(seen.tenant()).isEqualTo("clinic");

        assertThat(a.revokeDevice("00000000000000a1")).isTrue();
        assertThat(b.findCredential(token.identity()).orElseThrow().revoked())
            .as("a revocation on one instance is seen by the next CONNECT on another").isTrue();
        assertThatThrownBy(() -> b.addDevice("clinic", "00000000000000a2", Side.R, "PL-8"))
            .isInstanceOf(RegistryException.class);
      }
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), max(version) FROM schema_migrations")) {
        rs.next();
        assertThat(rs.getInt(1)).as("opening twice applied each migration once (versions 1..n)")
            .isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(2);
      }
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.executeUpdate("INSERT INTO devices (device_id, tenant, side, model, secret_hash,"
            + " created_at) VALUES ('00000000000000G1', 'clinic', 'L', 'm', 'pbkdf2-sha256$x', 'now')"))
            .as("the device id CHECK holds in PostgreSQL too").hasMessageContaining("check");
      }
    }
  }

  private static Registry open(String url) {
    return Registry.openPostgres(url, "postgres", "", TestRegistries.hasher(), new TokenGenerator(new SecureRandom()),
        TestRegistries.CLOCK);
  }
}
