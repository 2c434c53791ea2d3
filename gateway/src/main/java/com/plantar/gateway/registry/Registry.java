package com.plantar.gateway.registry;

import static com.plantar.gateway.registry.internal.RegistryDatabase.exists;
import static com.plantar.gateway.registry.internal.RegistryDatabase.update;

import com.plantar.gateway.registry.RegistryException.Reason;
import com.plantar.gateway.registry.internal.MigrationRunner;
import com.plantar.gateway.registry.internal.RegistryDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The device registry: tenants, devices, hubs and pairings in one SQLite file, with the schema brought
 * up to date by {@link MigrationRunner} on open.
 *
 * <p>Tokens are made here ({@link TokenGenerator}), returned once in an {@link IssuedToken} and stored
 * only as a {@link SecretHasher} hash. Tenants come into being with their first device or hub. Ids are
 * never reused and revocation is final: a revoked device or hub keeps its row, cannot be rotated or
 * paired, and a revoked device loses its pairings.
 *
 * <p>Several processes may open the same file (the gateway and {@code plantar devices ...}); see
 * {@link RegistryDatabase}. Reads see committed writes of other processes at once, which is what makes a
 * revocation by the CLI effective for the gateway's next authentication.
 *
 * <p>Thread-safe: {@link RegistryDatabase} serialises access to its one connection; the slow hashing of
 * a new token runs before that.
 */
public final class Registry implements AutoCloseable {

  private static final String MIGRATIONS = "com/plantar/gateway/registry/migrations/";

  private final RegistryDatabase db;
  private final SecretHasher hasher;
  private final TokenGenerator tokens;
  private final Clock clock;
  private final Accounts accounts;
  private final WearerRecords wearers;

  private Registry(RegistryDatabase db, SecretHasher hasher, TokenGenerator tokens, Clock clock) {
    this.db = db;
    this.hasher = hasher;
    this.tokens = tokens;
    this.clock = clock;
    this.accounts = new Accounts(db, clock);
    this.wearers = new WearerRecords(db, clock);
  }

  /**
   * Opens (creating it and its directory if needed) the registry database and applies missing
   * migrations.
   *
   * @throws RegistryException with {@link Reason#STORAGE} if the file cannot be opened or migrated
   */
  public static Registry open(Path dbFile, SecretHasher hasher, TokenGenerator tokens, Clock clock) {
    Objects.requireNonNull(hasher, "hasher");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(clock, "clock");
    RegistryDatabase db = RegistryDatabase.open(dbFile, new MigrationRunner(Registry.class.getClassLoader(), MIGRATIONS, clock));
    return new Registry(db, hasher, tokens, clock);
  }

  /**
   * Opens the shared registry of cluster mode in PostgreSQL ({@code jdbc:postgresql://…}): the same
   * schema and migrations as the SQLite file. The password is given to the driver, never logged.
   *
   * @throws RegistryException with {@link Reason#STORAGE} if it cannot be reached or migrated
   */
  public static Registry openPostgres(String jdbcUrl, String user, String password, SecretHasher hasher,
      TokenGenerator tokens, Clock clock) {
    Objects.requireNonNull(hasher, "hasher");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(clock, "clock");
    RegistryDatabase db = RegistryDatabase.openPostgres(jdbcUrl, user, password,
        new MigrationRunner(Registry.class.getClassLoader(), MIGRATIONS, clock));
    return new Registry(db, hasher, tokens, clock);
  }

  /** API accounts, sessions, tokens, assignments and the audit log, in this database. */
  public Accounts accounts() {
    return accounts;
  }

  /** Wearers with their profiles, interventions and alert acknowledgements, in this database. */
  public WearerRecords wearers() {
    return wearers;
  }

  // ---------------------------------------------------------------------------------------- devices

  /** Registers a device and returns its first token. */
  public IssuedToken addDevice(String tenant, String deviceId, Side side, String model) {
    require(IdentityFormat.isTenant(tenant), "tenant must be 1-64 of a-z 0-9 _ - : " + tenant);
    require(IdentityFormat.isDeviceId(deviceId), "device id must be 16 lower-case hex digits: " + deviceId);
    require(IdentityFormat.isModel(model), "model must be 1-64 printable ASCII characters");
    Objects.requireNonNull(side, "side");
    String token = tokens.newToken();
    String hash = hasher.hash(token);
    db.inTransaction(c -> {
      if (exists(c, "SELECT 1 FROM devices WHERE device_id = ?", deviceId)) {
        throw new RegistryException(Reason.ALREADY_EXISTS, "device " + deviceId + " is already registered");
      }
      String now = now();
      update(c, "INSERT INTO tenants (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING", tenant, now);
      update(c, "INSERT INTO devices (device_id, tenant, side, model, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          deviceId, tenant, side.name(), model, hash, now);
      return null;
    });
    return new IssuedToken(deviceId, token);
  }

  /** All devices (revoked ones included), of one tenant or of all, ordered by tenant and id. */
  public List<Device> listDevices(Optional<String> tenant) {
    String sql = "SELECT device_id, tenant, side, model, created_at, revoked_at FROM devices"
        + (tenant.isPresent() ? " WHERE tenant = ?" : "") + " ORDER BY tenant, device_id";
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (tenant.isPresent()) {
          ps.setString(1, tenant.get());
        }
        List<Device> devices = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            devices.add(new Device(rs.getString(1), rs.getString(2), Side.valueOf(rs.getString(3)), rs.getString(4),
                Instant.parse(rs.getString(5)), instant(rs.getString(6))));
          }
        }
        return devices;
      }
    });
  }

  /**
   * Revokes a device for good and removes its pairings; revoking it again changes nothing.
   *
   * @return false if it was already revoked
   */
  public boolean revokeDevice(String deviceId) {
    return db.inTransaction(c -> {
      boolean revoked = requireIdentity(c, "devices", "device_id", deviceId);
      if (revoked) {
        return false;
      }
      update(c, "UPDATE devices SET revoked_at = ? WHERE device_id = ?", now(), deviceId);
      update(c, "DELETE FROM pairings WHERE device_id = ?", deviceId);
      return true;
    });
  }

  /** Replaces a device's token; the old one stops working at once. */
  public IssuedToken rotateDevice(String deviceId) {
    return rotate("devices", "device_id", deviceId);
  }

  // ------------------------------------------------------------------------------------------- hubs

  /** Registers a phone or hub and returns its first token. */
  public IssuedToken addHub(String tenant, String hubId) {
    require(IdentityFormat.isTenant(tenant), "tenant must be 1-64 of a-z 0-9 _ - : " + tenant);
    require(IdentityFormat.isHubId(hubId),
        "hub id must be 2-64 of a-z 0-9 . _ -, start with a letter or digit, and not look like a device id: " + hubId);
    String token = tokens.newToken();
    String hash = hasher.hash(token);
    db.inTransaction(c -> {
      if (exists(c, "SELECT 1 FROM hubs WHERE hub_id = ?", hubId)) {
        throw new RegistryException(Reason.ALREADY_EXISTS, "hub " + hubId + " is already registered");
      }
      String now = now();
      update(c, "INSERT INTO tenants (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING", tenant, now);
      update(c, "INSERT INTO hubs (hub_id, tenant, secret_hash, created_at) VALUES (?, ?, ?, ?)", hubId, tenant, hash, now);
      return null;
    });
    return new IssuedToken(hubId, token);
  }

  /** All hubs (revoked ones included) with their paired devices, ordered by tenant and id. */
  public List<Hub> listHubs(Optional<String> tenant) {
    String where = tenant.isPresent() ? " WHERE h.tenant = ?" : "";
    return db.read(c -> {
      Map<String, Set<String>> paired = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT p.hub_id, p.device_id FROM pairings p JOIN hubs h ON h.hub_id = p.hub_id" + where)) {
        if (tenant.isPresent()) {
          ps.setString(1, tenant.get());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            paired.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
          }
        }
      }
      List<Hub> hubs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT h.hub_id, h.tenant, h.created_at, h.revoked_at FROM hubs h" + where + " ORDER BY h.tenant, h.hub_id")) {
        if (tenant.isPresent()) {
          ps.setString(1, tenant.get());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String hubId = rs.getString(1);
            hubs.add(new Hub(hubId, rs.getString(2), Instant.parse(rs.getString(3)), instant(rs.getString(4)),
                new TreeSet<>(paired.getOrDefault(hubId, Set.of()))));
          }
        }
      }
      return hubs;
    });
  }

  /**
   * Lets a hub act for a device of its own tenant. Neither may be revoked.
   *
   * @return false if they were already paired
   */
  public boolean pair(String hubId, String deviceId) {
    return db.inTransaction(c -> {
      String hubTenant = activeTenant(c, "hubs", "hub_id", hubId);
      String deviceTenant = activeTenant(c, "devices", "device_id", deviceId);
      if (!hubTenant.equals(deviceTenant)) {
        throw new RegistryException(Reason.TENANT_MISMATCH, "hub " + hubId + " belongs to tenant " + hubTenant
            + " but device " + deviceId + " to tenant " + deviceTenant);
      }
      return update(c, "INSERT INTO pairings (hub_id, device_id, paired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
          hubId, deviceId, now()) == 1;
    });
  }

  /**
   * Stops a hub acting for a device (for new connections; see gateway/AUTH.md).
   *
   * @return false if they were not paired
   */
  public boolean unpair(String hubId, String deviceId) {
    return db.inTransaction(c -> {
      requireIdentity(c, "hubs", "hub_id", hubId);
      requireIdentity(c, "devices", "device_id", deviceId);
      return update(c, "DELETE FROM pairings WHERE hub_id = ? AND device_id = ?", hubId, deviceId) == 1;
    });
  }

  /**
   * Revokes a hub for good; revoking it again changes nothing.
   *
   * @return false if it was already revoked
   */
  public boolean revokeHub(String hubId) {
    return db.inTransaction(c -> {
      if (requireIdentity(c, "hubs", "hub_id", hubId)) {
        return false;
      }
      update(c, "UPDATE hubs SET revoked_at = ? WHERE hub_id = ?", now(), hubId);
      return true;
    });
  }

  /** Replaces a hub's token; the old one stops working at once. */
  public IssuedToken rotateHub(String hubId) {
    return rotate("hubs", "hub_id", hubId);
  }

  // ----------------------------------------------------------------------------------- credentials

  /**
   * Everything needed to authenticate one login name, read from the database now (never cached here).
   * Empty if no device or hub has that id.
   */
  public Optional<Credential> findCredential(String identity) {
    if (IdentityFormat.isDeviceId(identity)) {
      return db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT tenant, secret_hash, revoked_at FROM devices WHERE device_id = ?")) {
          ps.setString(1, identity);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(new Credential(identity, IdentityKind.DEVICE, rs.getString(1), rs.getString(2),
                rs.getString(3) != null, Set.of(identity)));
          }
        }
      });
    }
    if (IdentityFormat.isHubId(identity)) {
      return db.read(c -> {
        String tenant;
        String hash;
        boolean revoked;
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant, secret_hash, revoked_at FROM hubs WHERE hub_id = ?")) {
          ps.setString(1, identity);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            tenant = rs.getString(1);
            hash = rs.getString(2);
            revoked = rs.getString(3) != null;
          }
        }
        Set<String> deviceIds = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM pairings WHERE hub_id = ?")) {
          ps.setString(1, identity);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              deviceIds.add(rs.getString(1));
            }
          }
        }
        return Optional.of(new Credential(identity, IdentityKind.HUB, tenant, hash, revoked, deviceIds));
      });
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    db.close();
  }

  // ---------------------------------------------------------------------------------------- helpers

  private IssuedToken rotate(String table, String idColumn, String id) {
    String token = tokens.newToken();
    String hash = hasher.hash(token);
    db.inTransaction(c -> {
      activeTenant(c, table, idColumn, id);
      update(c, "UPDATE " + table + " SET secret_hash = ?, rotated_at = ? WHERE " + idColumn + " = ?", hash, now(), id);
      return null;
    });
    return new IssuedToken(id, token);
  }

  /** Returns whether the identity is revoked; NOT_FOUND if absent. */
  private static boolean requireIdentity(Connection c, String table, String idColumn, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT revoked_at FROM " + table + " WHERE " + idColumn + " = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RegistryException(Reason.NOT_FOUND, singular(table) + " " + id + " is not registered");
        }
        return rs.getString(1) != null;
      }
    }
  }

  /** Returns the tenant of a registered, unrevoked identity; NOT_FOUND or REVOKED otherwise. */
  private static String activeTenant(Connection c, String table, String idColumn, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT tenant, revoked_at FROM " + table + " WHERE " + idColumn + " = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RegistryException(Reason.NOT_FOUND, singular(table) + " " + id + " is not registered");
        }
        if (rs.getString(2) != null) {
          throw new RegistryException(Reason.REVOKED, singular(table) + " " + id + " is revoked");
        }
        return rs.getString(1);
      }
    }
  }

  private static String singular(String table) {
    return table.equals("hubs") ? "hub" : "device";
  }

  private String now() {
    return clock.instant().toString();
  }

  private static Optional<Instant> instant(String text) {
    return Optional.ofNullable(text).map(Instant::parse);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new RegistryException(Reason.INVALID_ARGUMENT, message);
    }
  }
}
