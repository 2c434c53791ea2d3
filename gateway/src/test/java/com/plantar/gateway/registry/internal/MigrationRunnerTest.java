package com.plantar.gateway.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.registry.RegistryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T16:00:00Z"), ZoneOffset.UTC);
  private static final String TEST_SETS = "com/plantar/gateway/registry/internal/";

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void openEmptyDatabase() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  private static MigrationRunner runner(String set) {
    return new MigrationRunner(MigrationRunnerTest.class.getClassLoader(), set, CLOCK);
  }

  @Test
  void migratesAnEmptyDatabaseToTheRegistrySchema() throws SQLException {
    int version = runner("com/plantar/gateway/registry/migrations/").migrate(connection);

    assertThat(version).isEqualTo(2);
    assertThat(tables()).contains("tenants", "devices", "hubs", "pairings", "schema_migrations", "users",
        "assignments", "api_credentials", "wearer_profiles", "interventions", "alert_acks", "audit_log");
    assertThat(strings("SELECT version || ' ' || applied_at FROM schema_migrations"))
        .containsExactly("1 2026-11-25T16:00:00Z", "2 2026-11-25T16:00:00Z");
  }

  @Test
  void rerunningTheMigrationsChangesNothing() throws SQLException {
    MigrationRunner runner = runner("com/plantar/gateway/registry/migrations/");
    runner.migrate(connection);
    List<String> schemaBefore = strings("SELECT sql FROM sqlite_master ORDER BY name");

    assertThat(runner.migrate(connection)).isEqualTo(2);
    assertThat(strings("SELECT sql FROM sqlite_master ORDER BY name")).isEqualTo(schemaBefore);
    assertThat(strings("SELECT version FROM schema_migrations")).containsExactly("1", "2");
  }

  @Test
  void appliesOnlyTheVersionsTheDatabaseLacks() throws SQLException {
    assertThat(runner(TEST_SETS + "one/").migrate(connection)).isEqualTo(1);
    execute("INSERT INTO alpha (id) VALUES (7)");

    assertThat(runner(TEST_SETS + "two/").migrate(connection)).isEqualTo(2);

    assertThat(strings("SELECT id FROM alpha")).containsExactly("7");
    assertThat(strings("SELECT id FROM beta")).containsExactly("1");
    assertThat(strings("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
  }

  @Test
  void refusesADatabaseWhoseAppliedScriptWasChanged() {
    runner(TEST_SETS + "one/").migrate(connection);

    assertThatThrownBy(() -> runner(TEST_SETS + "changed/").migrate(connection))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE))
        .hasMessageContaining("V001.sql was changed");
  }

  @Test
  void refusesADatabaseWrittenByANewerBuild() {
    runner(TEST_SETS + "two/").migrate(connection);

    assertThatThrownBy(() -> runner(TEST_SETS + "one/").migrate(connection))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE))
        .hasMessageContaining("newer");
  }

  @Test
  void aFailingMigrationLeavesTheDatabaseAsItWas() throws SQLException {
    assertThatThrownBy(() -> runner(TEST_SETS + "broken/").migrate(connection))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE))
        .hasMessageContaining("no_such_table");

    assertThat(tables()).containsExactly("schema_migrations");
    assertThat(strings("SELECT version FROM schema_migrations")).isEmpty();
    assertThat(connection.getAutoCommit()).isTrue();
  }

  private List<String> tables() throws SQLException {
    return strings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
