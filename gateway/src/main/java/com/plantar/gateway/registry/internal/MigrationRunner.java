package com.plantar.gateway.registry.internal;

import com.plantar.gateway.registry.RegistryException;
import com.plantar.gateway.registry.RegistryException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database schema up to date from numbered SQL resources {@code V001.sql}, {@code V002.sql},
 * ... in one resource directory (probed in order until one is missing, so it works the same from a
 * directory and from the shaded jar).
 *
 * <p>Applied versions are recorded with the SHA-256 of their script in {@code schema_migrations}. A run
 * applies every missing version in one transaction (all or nothing) and is idempotent. It refuses,
 * with {@link Reason#STORAGE}, a database that has a version this build does not know (written by a
 * newer build) or whose applied script was edited afterwards: both mean the schema is not what this
 * code expects.
 *
 * <p>Scripts are split into statements at a {@code ;} that ends a line, and whole-line {@code --}
 * comments are dropped; so a statement must not end a line inside itself with {@code ;} (no triggers
 * with bodies). Stateless; safe on any thread, given a connection that thread owns.
 */
public final class MigrationRunner {

  private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
  private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\r?\\n|$)");

  private final ClassLoader loader;
  private final String directory;
  private final Clock clock;

  /**
   * @param directory resource directory without leading slash, ending in {@code /}, e.g. {@code
   *     com/plantar/gateway/registry/migrations/}
   */
  public MigrationRunner(ClassLoader loader, String directory, Clock clock) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Applies the missing migrations and returns the schema version now in force. The connection must be
   * in auto-commit mode; it is left in auto-commit mode.
   */
  public int migrate(Connection connection) {
    return migrate(connection, RegistryDatabase.Dialect.SQLITE);
  }

  /**
   * As {@link #migrate(Connection)} in {@code dialect}. The scripts are written for SQLite; for
   * PostgreSQL four constructs are translated (the checksum is always that of the script as written):
   * {@code NOT GLOB '*[^…]*'} becomes {@code !~ '[^…]'}, a wildcard-free {@code GLOB '…'} becomes
   * {@code ~ '^…$'}, {@code INTEGER PRIMARY KEY AUTOINCREMENT} an identity column, and
   * {@code WITHOUT ROWID} is dropped.
   */
  public int migrate(Connection connection, RegistryDatabase.Dialect dialect) {
    List<Script> scripts = loadScripts();
    try {
      try (Statement st = connection.createStatement()) {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "version INTEGER PRIMARY KEY NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      connection.setAutoCommit(false);
      try {
        int version = applyMissing(connection, scripts, dialect);
        connection.commit();
        return version;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new RegistryException(Reason.STORAGE, "schema migration failed: " + e.getMessage(), e);
    }
  }

  private int applyMissing(Connection connection, List<Script> scripts, RegistryDatabase.Dialect dialect)
      throws SQLException {
    Map<Integer, String> applied = appliedChecksums(connection);
    for (Map.Entry<Integer, String> entry : applied.entrySet()) {
      int version = entry.getKey();
      if (version > scripts.size()) {
        throw new RegistryException(Reason.STORAGE, "database has schema version " + version
            + " but this build knows only up to " + scripts.size() + ": it was written by a newer plantar");
      }
      if (!scripts.get(version - 1).checksum().equals(entry.getValue())) {
        throw new RegistryException(Reason.STORAGE, "migration " + scripts.get(version - 1).name()
            + " was changed after it was applied to this database");
      }
    }
    for (Script script : scripts.subList(applied.size(), scripts.size())) {
      try (Statement st = connection.createStatement()) {
        for (String sql : script.statements()) {
          st.executeUpdate(inDialect(sql, dialect));
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (?, ?, ?)")) {
        insert.setInt(1, script.version());
        insert.setString(2, script.checksum());
        insert.setString(3, clock.instant().toString());
        insert.executeUpdate();
      }
      log.info("Applied registry migration {}", script.name());
    }
    return scripts.size();
  }

  private static String inDialect(String sql, RegistryDatabase.Dialect dialect) {
    if (dialect != RegistryDatabase.Dialect.POSTGRESQL) {
      return sql;
    }
    return sql
        // "no character outside the class": the same test as a regular expression
        .replaceAll("NOT GLOB '\\*\\[\\^([^\\]']*)\\]\\*'", "!~ '[^$1]'")
        // a whole-string pattern without wildcards (e.g. a date's digits): an anchored expression
        .replaceAll("(?<!NOT )GLOB '([^'*?]*)'", "~ '^$1\\$'")
        .replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        .replaceAll("\\)\\s*WITHOUT ROWID", ")");
  }

  private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations ORDER BY version")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    int expected = 1;
    for (int version : applied.keySet()) {
      if (version != expected++) {
        throw new RegistryException(Reason.STORAGE, "schema_migrations has a gap before version " + version);
      }
    }
    return applied;
  }

  private List<Script> loadScripts() {
    List<Script> scripts = new ArrayList<>();
    for (int version = 1; ; version++) {
      String name = String.format("V%03d.sql", version);
      try (InputStream in = loader.getResourceAsStream(directory + name)) {
        if (in == null) {
          return scripts;
        }
        scripts.add(Script.of(version, name, in.readAllBytes()));
      } catch (IOException e) {
        throw new RegistryException(Reason.STORAGE, "cannot read migration " + directory + name, e);
      }
    }
  }

  private record Script(int version, String name, String checksum, List<String> statements) {

    static Script of(int version, String name, byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      StringBuilder withoutComments = new StringBuilder();
      for (String line : text.split("\\r?\\n", -1)) {
        if (!line.strip().startsWith("--")) {
          withoutComments.append(line).append('\n');
        }
      }
      List<String> statements = new ArrayList<>();
      for (String sql : STATEMENT_END.split(withoutComments)) {
        if (!sql.isBlank()) {
          statements.add(sql.strip());
        }
      }
      return new Script(version, name, sha256Hex(bytes), List.copyOf(statements));
    }

    private static String sha256Hex(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
  }
}
