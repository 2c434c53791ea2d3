package com.plantar.gateway.registry;

import static com.plantar.gateway.registry.internal.RegistryDatabase.update;

import com.plantar.gateway.registry.RegistryException.Reason;
import com.plantar.gateway.registry.internal.RegistryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Wearers and their clinical records in the registry database. The wearers are the ones processing
 * sees (an active hub with its paired insoles, or an active insole paired to no active hub; see
 * {@code HubWearers}); profiles, interventions and alert acknowledgements are kept by wearer id.
 *
 * <p>Thread-safe, like {@link Registry}, whose database it shares.
 */
public final class WearerRecords {
  /** Every wearer id with its tenant: active hubs, and active insoles that no active hub forwards for. */
  private static final String WEARER_IDS = "SELECT hub_id AS id, tenant FROM hubs WHERE revoked_at IS NULL"
      + " UNION SELECT d.device_id AS id, d.tenant FROM devices d WHERE d.revoked_at IS NULL AND NOT EXISTS"
      + " (SELECT 1 FROM pairings p JOIN hubs h ON h.hub_id = p.hub_id"
      + " WHERE p.device_id = d.device_id AND h.revoked_at IS NULL)";

  private final RegistryDatabase db;
  private final Clock clock;

  WearerRecords(RegistryDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Every wearer, ordered by id. */
  public List<Wearer> list() {
    return db.read(c -> {
      List<Wearer> wearers = new ArrayList<>();
      for (Map.Entry<String, String> idAndTenant : wearerIds(c, Optional.empty()).entrySet()) {
        wearers.add(load(c, idAndTenant.getKey(), idAndTenant.getValue()));
      }
      return wearers;
    });
  }

  public Optional<Wearer> find(String wearerId) {
    return db.read(c -> {
      Map<String, String> ids = wearerIds(c, Optional.of(wearerId));
      return ids.isEmpty() ? Optional.empty() : Optional.of(load(c, wearerId, ids.get(wearerId)));
    });
  }

  /** Sets a wearer's profile (creating it); absent values are cleared. */
  public void updateProfile(String wearerId, Optional<String> displayName, OptionalDouble bodyWeightKg,
      Optional<String> shoeSize, String notes) {
    requireWearer(wearerId);
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO wearer_profiles (wearer_id, display_name, body_weight_kg, shoe_size, notes) VALUES (?, ?, ?, ?, ?)"
              + " ON CONFLICT (wearer_id) DO UPDATE SET display_name = excluded.display_name,"
              + " body_weight_kg = excluded.body_weight_kg, shoe_size = excluded.shoe_size, notes = excluded.notes")) {
        ps.setString(1, wearerId);
        ps.setString(2, displayName.orElse(null));
        if (bodyWeightKg.isPresent()) {
          ps.setDouble(3, bodyWeightKg.getAsDouble());
        } else {
          ps.setNull(3, Types.REAL);
        }
        ps.setString(4, shoeSize.orElse(null));
        ps.setString(5, notes == null ? "" : notes);
        return ps.executeUpdate();
      }
    });
  }

  // ---------------------------------------------------------------------------------- interventions

  public Intervention addIntervention(String wearerId, Intervention.Kind kind, LocalDate date, String note,
      String createdBy) {
    requireWearer(wearerId);
    if (note != null && note.length() > Intervention.MAX_NOTE_LENGTH) {
      throw new RegistryException(Reason.INVALID_ARGUMENT, "note longer than " + Intervention.MAX_NOTE_LENGTH);
    }
    Instant now = clock.instant();
    long id = db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO interventions (wearer_id, kind, on_date, note,"
          + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, wearerId);
        ps.setString(2, kind.label());
        ps.setString(3, date.toString());
        ps.setString(4, note == null ? "" : note);
        ps.setString(5, createdBy);
        ps.setString(6, now.toString());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
    return new Intervention(id, wearerId, kind, date, note == null ? "" : note, createdBy, now);
  }

  /** A wearer's interventions, by date. */
  public List<Intervention> interventions(String wearerId) {
    return db.read(c -> {
      List<Intervention> list = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, wearer_id, kind, on_date, note, created_by, created_at"
          + " FROM interventions WHERE wearer_id = ? ORDER BY on_date, id")) {
        ps.setString(1, wearerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            list.add(new Intervention(rs.getLong(1), rs.getString(2), Intervention.Kind.fromLabel(rs.getString(3)),
                LocalDate.parse(rs.getString(4)), rs.getString(5), rs.getString(6), Instant.parse(rs.getString(7))));
          }
        }
      }
      return list;
    });
  }

  // ----------------------------------------------------------------------------------- alert acks

  /**
   * Records that {@code username} acknowledged an alert.
   *
   * @return false if it was acknowledged already (the first acknowledgement stays)
   */
  public boolean acknowledgeAlert(String wearerId, String alertId, String username) {
    return db.inTransaction(c -> update(c, "INSERT INTO alert_acks (wearer_id, alert_id, acknowledged_by,"
        + " acknowledged_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", wearerId, alertId, username, clock.instant().toString()) == 1);
  }

  /** A wearer's acknowledgements by alert id. */
  public Map<String, AlertAck> alertAcks(String wearerId) {
    return db.read(c -> {
      Map<String, AlertAck> acks = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT alert_id, acknowledged_by, acknowledged_at FROM alert_acks WHERE wearer_id = ?")) {
        ps.setString(1, wearerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            acks.put(rs.getString(1), new AlertAck(wearerId, rs.getString(1), rs.getString(2),
                Instant.parse(rs.getString(3))));
          }
        }
      }
      return acks;
    });
  }

  // -------------------------------------------------------------------------------------- helpers

  private void requireWearer(String wearerId) {
    if (find(wearerId).isEmpty()) {
      throw new RegistryException(Reason.NOT_FOUND, "wearer " + wearerId + " is not registered");
    }
  }

  private static Map<String, String> wearerIds(Connection c, Optional<String> only) throws SQLException {
    String sql = "SELECT id, tenant FROM (" + WEARER_IDS + ")" + (only.isPresent() ? " WHERE id = ?" : "")
        + " ORDER BY id";
    Map<String, String> ids = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (only.isPresent()) {
        ps.setString(1, only.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return ids;
  }

  private static Wearer load(Connection c, String id, String tenant) throws SQLException {
    Optional<String> name = Optional.empty();
    OptionalDouble weight = OptionalDouble.empty();
    Optional<String> shoe = Optional.empty();
    String notes = "";
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT display_name, body_weight_kg, shoe_size, notes FROM wearer_profiles WHERE wearer_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          name = Optional.ofNullable(rs.getString(1));
          double w = rs.getDouble(2);
          weight = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(w);
          shoe = Optional.ofNullable(rs.getString(3));
          notes = rs.getString(4);
        }
      }
    }
    List<Wearer.WearerDevice> devices = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT d.device_id, d.side FROM devices d WHERE d.revoked_at IS NULL"
        + " AND (d.device_id = ? OR d.device_id IN (SELECT device_id FROM pairings WHERE hub_id = ?)) ORDER BY d.side")) {
      ps.setString(1, id);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          devices.add(new Wearer.WearerDevice(rs.getString(1), Optional.of(Side.valueOf(rs.getString(2))),
              Wearer.WearerDevice.Kind.INSOLE));
        }
      }
    }
    if (IdentityFormat.isHubId(id)) {
      devices.add(new Wearer.WearerDevice(id, Optional.empty(), Wearer.WearerDevice.Kind.HUB));
    }
    return new Wearer(id, tenant, name, weight, shoe, notes, devices);
  }
}
