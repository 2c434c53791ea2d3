-- V001: tenants, devices (insoles), hubs (phones or hubs that forward for devices) and their pairings.
-- Secrets are never stored: only the PBKDF2 hash written by SecretHasher (the CHECKs below refuse
-- anything else). Ids are never reused: revocation sets revoked_at and keeps the row.
CREATE TABLE tenants (
  name TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE devices (
  device_id TEXT PRIMARY KEY NOT NULL
    CHECK (length(device_id) = 16 AND device_id NOT GLOB '*[^0-9a-f]*'),
  tenant TEXT NOT NULL REFERENCES tenants (name),
  side TEXT NOT NULL CHECK (side IN ('L', 'R')),
  model TEXT NOT NULL,
  secret_hash TEXT NOT NULL CHECK (secret_hash LIKE 'pbkdf2-sha256$%'),
  created_at TEXT NOT NULL,
  rotated_at TEXT,
  revoked_at TEXT
);

CREATE TABLE hubs (
  hub_id TEXT PRIMARY KEY NOT NULL,
  tenant TEXT NOT NULL REFERENCES tenants (name),
  secret_hash TEXT NOT NULL CHECK (secret_hash LIKE 'pbkdf2-sha256$%'),
  created_at TEXT NOT NULL,
  rotated_at TEXT,
  revoked_at TEXT
);

CREATE TABLE pairings (
  hub_id TEXT NOT NULL REFERENCES hubs (hub_id),
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  paired_at TEXT NOT NULL,
  PRIMARY KEY (hub_id, device_id)
) WITHOUT ROWID;

CREATE INDEX pairings_by_device ON pairings (device_id);
CREATE INDEX devices_by_tenant ON devices (tenant);
CREATE INDEX hubs_by_tenant ON hubs (tenant);
