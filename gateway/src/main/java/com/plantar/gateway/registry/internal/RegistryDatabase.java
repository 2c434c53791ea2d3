package com.plantar.gateway.registry.internal;

import com.plantar.gateway.registry.RegistryException;
import com.plantar.gateway.registry.RegistryException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The registry's database behind one JDBC connection, shared by several processes: either one SQLite
 * file (single node: the gateway and the CLI; WAL journal, synchronous FULL, foreign keys on,
 * IMMEDIATE write transactions, so the write lock is taken at BEGIN and a check-then-insert is atomic
 * across processes too; a writer waits up to {@link #BUSY_TIMEOUT_MS} for another), or PostgreSQL
 * (cluster mode: every instance shares it; each write transaction first takes one transaction-scoped
 * advisory lock, which serialises writers exactly as SQLite's IMMEDIATE does). Both run the same
 * migrations (see {@link MigrationRunner} for the two dialect differences). SQL failures become
 * {@link RegistryException} with {@link Reason#STORAGE}.
 *
 * <p>Thread-safe: the connection is owned by whichever thread holds {@code lock}, for one {@link #read}
 * or {@link #inTransaction} at a time.
 */
public final class RegistryDatabase implements AutoCloseable {

  public static final int BUSY_TIMEOUT_MS = 5_000;

  /** Work on the connection, run by {@link #read} or {@link #inTransaction}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The SQL dialects the registry runs on. */
  public enum Dialect { SQLITE, POSTGRESQL }

  /** Any constant: the key of the advisory lock that serialises PostgreSQL write transactions. */
  private static final long WRITE_LOCK_KEY = 0x706c616e746172L;

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final Dialect dialect;

  private RegistryDatabase(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /**
   * Connects to a PostgreSQL registry ({@code jdbc:postgresql://host:port/db}) and brings its schema
   * up to date. The password is handed to the driver only; messages name the URL, never the password.
   */
  public static RegistryDatabase openPostgres(String url, String user, String password, MigrationRunner migrations) {
    java.util.Properties props = new java.util.Properties();
    if (!user.isEmpty()) {
      props.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    try {
      Connection connection = new org.postgresql.Driver().connect(url, props);
      if (connection == null) {
        throw new RegistryException(Reason.STORAGE, "not a PostgreSQL JDBC URL: " + url);
      }
      try {
        migrations.migrate(connection, Dialect.POSTGRESQL);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
      return new RegistryDatabase(connection, Dialect.POSTGRESQL);
    } catch (SQLException e) {
      throw new RegistryException(Reason.STORAGE, "cannot open registry " + url + ": " + e.getMessage(), e);
    }
  }

  /** Opens (creating the file and its directory if needed) and brings the schema up to date. */
  public static RegistryDatabase open(Path file, MigrationRunner migrations) {
    Connection connection = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.enforceForeignKeys(true);
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      migrations.migrate(connection, Dialect.SQLITE);
      return new RegistryDatabase(connection, Dialect.SQLITE);
    } catch (IOException | SQLException | RuntimeException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      if (e instanceof RegistryException re) {
        throw re;
      }
      throw new RegistryException(Reason.STORAGE, "cannot open registry " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs read-only work in auto-commit mode. */
  public <T> T read(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new RegistryException(Reason.STORAGE, "registry read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs work in one write transaction (IMMEDIATE, or under the advisory lock), rolled back if it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, WRITE_LOCK_KEY);
            ps.executeQuery().close();
          }
        }
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new RegistryException(Reason.STORAGE, "registry write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Executes one statement with string arguments; returns the number of rows changed. */
  public static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Whether a query with one string argument returns a row. */
  public static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new RegistryException(Reason.STORAGE, "cannot close registry: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
