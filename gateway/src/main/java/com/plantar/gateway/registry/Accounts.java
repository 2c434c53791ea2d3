package com.plantar.gateway.registry;

import static com.plantar.gateway.registry.internal.RegistryDatabase.exists;
import static com.plantar.gateway.registry.internal.RegistryDatabase.update;

import com.plantar.gateway.registry.RegistryException.Reason;
import com.plantar.gateway.registry.internal.RegistryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * API accounts in the registry database: users with a role and an Argon2id password hash (hashed by
 * the caller; this class never sees a password), physiotherapist-to-wearer assignments, browser
 * sessions and bearer tokens (stored by the SHA-256 of their secret), and the audit log.
 *
 * <p>Thread-safe, like {@link Registry}, whose database it shares.
 */
public final class Accounts {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{2,64}");

  private final RegistryDatabase db;
  private final Clock clock;

  Accounts(RegistryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public static boolean isUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  /** Adds an account; a wearer account names its wearer, other roles must not. */
  public Account add(String username, Role role, String passwordHash, Optional<String> wearerId) {
    require(isUsername(username), "user name must be 2-64 of a-z 0-9 . _ -: " + username);
    require((role == Role.WEARER) == wearerId.isPresent(), "a wearer account (and only one) names its wearer id");
    String now = clock.instant().toString();
    db.inTransaction(c -> {
      if (exists(c, "SELECT 1 FROM users WHERE username = ?", username)) {
        throw new RegistryException(Reason.ALREADY_EXISTS, "user " + username + " already exists");
      }
      update(c, "INSERT INTO users (username, role, password_hash, wearer_id, created_at, password_changed_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", username, role.label(), passwordHash, wearerId.orElse(null), now, now);
      return null;
    });
    return new Account(username, role, wearerId, Instant.parse(now));
  }

  public Optional<Account> find(String username) {
    return db.read(c -> findAccount(c, username));
  }

  /** The stored Argon2id hash of the user's password, if the user exists. */
  public Optional<String> passwordHash(String username) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  public List<Account> list() {
    return db.read(c -> {
      List<Account> accounts = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT username, role, wearer_id, created_at FROM users ORDER BY username");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          accounts.add(account(rs));
        }
      }
      return accounts;
    });
  }

  /** Replaces the password hash and ends the user's sessions and tokens (a reset locks out old holders). */
  public void resetPassword(String username, String passwordHash) {
    db.inTransaction(c -> {
      int changed = update(c, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?",
          passwordHash, clock.instant().toString(), username);
      if (changed == 0) {
        throw new RegistryException(Reason.NOT_FOUND, "user " + username + " does not exist");
      }
      update(c, "DELETE FROM api_credentials WHERE username = ?", username);
      return null;
    });
  }

  /**
   * Lets a physiotherapist see a wearer.
   *
   * @return false if already assigned
   */
  public boolean assign(String username, String wearerId) {
    return db.inTransaction(c -> {
      Account account = findAccount(c, username)
          .orElseThrow(() -> new RegistryException(Reason.NOT_FOUND, "user " + username + " does not exist"));
      require(account.role() == Role.PHYSIO, "only physiotherapists are assigned wearers; " + username + " is "
          + account.role().label());
      require(wearerId != null && !wearerId.isBlank(), "wearer id must not be empty");
      return update(c, "INSERT INTO assignments (username, wearer_id, assigned_at) VALUES (?, ?, ?)"
          + " ON CONFLICT DO NOTHING",
          username, wearerId, clock.instant().toString()) == 1;
    });
  }

  public Set<String> assignedWearers(String username) {
    return db.read(c -> {
      Set<String> wearers = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT wearer_id FROM assignments WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            wearers.add(rs.getString(1));
          }
        }
      }
      return wearers;
    });
  }

  // ----------------------------------------------------------------------------- sessions and tokens

  /** Stores a session or bearer token by the SHA-256 hex of its secret. */
  public void addCredential(String tokenHash, ApiCredential.Kind kind, String username, Optional<String> csrfToken,
      Instant expiresAt) {
    db.inTransaction(c -> {
      // Expired rows go whenever a new one comes, so the table stays the size of the live ones.
      update(c, "DELETE FROM api_credentials WHERE expires_at < ?", clock.instant().toString());
      update(c, "INSERT INTO api_credentials (token_hash, kind, username, csrf_token, created_at, expires_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", tokenHash, kind.name().toLowerCase(java.util.Locale.ROOT), username,
          csrfToken.orElse(null), clock.instant().toString(), expiresAt.toString());
      return null;
    });
  }

  /** The live (unexpired) credential with this hash, with its account. */
  public Optional<ApiCredential> findCredential(String tokenHash) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT a.kind, a.csrf_token, a.expires_at, u.username, u.role, u.wearer_id, u.created_at"
              + " FROM api_credentials a JOIN users u ON u.username = a.username WHERE a.token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          Instant expires = Instant.parse(rs.getString(3));
          if (!expires.isAfter(clock.instant())) {
            return Optional.empty();
          }
          Account account = new Account(rs.getString(4), Role.fromLabel(rs.getString(5)),
              Optional.ofNullable(rs.getString(6)), Instant.parse(rs.getString(7)));
          return Optional.of(new ApiCredential(
              ApiCredential.Kind.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), account,
              Optional.ofNullable(rs.getString(2)), expires));
        }
      }
    });
  }

  public void removeCredential(String tokenHash) {
    db.inTransaction(c -> update(c, "DELETE FROM api_credentials WHERE token_hash = ?", tokenHash));
  }

  // ------------------------------------------------------------------------------------------ audit

  /** Appends an audit row now. */
  public void audit(String username, String action, Optional<String> wearerId, String detail,
      Optional<String> remoteAddress) {
    db.inTransaction(c -> update(c, "INSERT INTO audit_log (at, username, action, wearer_id, detail, remote_address)"
        + " VALUES (?, ?, ?, ?, ?, ?)", clock.instant().toString(), username, action, wearerId.orElse(null), detail,
        remoteAddress.orElse(null)));
  }

  /** Audit rows about one wearer (or all, when empty), newest first, at most {@code limit}. */
  public List<AuditEntry> auditEntries(Optional<String> wearerId, int limit) {
    String sql = "SELECT id, at, username, action, wearer_id, detail, remote_address FROM audit_log"
        + (wearerId.isPresent() ? " WHERE wearer_id = ?" : "") + " ORDER BY id DESC LIMIT " + Math.max(0, limit);
    return db.read(c -> {
      List<AuditEntry> entries = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (wearerId.isPresent()) {
          ps.setString(1, wearerId.get());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                rs.getString(4), Optional.ofNullable(rs.getString(5)), rs.getString(6),
                Optional.ofNullable(rs.getString(7))));
          }
        }
      }
      return entries;
    });
  }

  private static Optional<Account> findAccount(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT username, role, wearer_id, created_at FROM users WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(account(rs)) : Optional.empty();
      }
    }
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(rs.getString(1), Role.fromLabel(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
        Instant.parse(rs.getString(4)));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new RegistryException(Reason.INVALID_ARGUMENT, message);
    }
  }
}
