-- V002: people and clinical records for the HTTP API (issue 8).
-- A wearer is identified as processing identifies one: the hub (phone) their insoles are paired to, or
-- an unpaired insole's device id. Profiles, interventions and alert acknowledgements hang off that id.
-- Passwords are stored only as Argon2id PHC strings; session and API tokens only as SHA-256 hex of a
-- 256-bit random token (high-entropy secrets need no slow hash). Audit rows are never updated.
CREATE TABLE users (
  username TEXT PRIMARY KEY NOT NULL
    CHECK (length(username) BETWEEN 2 AND 64 AND username NOT GLOB '*[^a-z0-9._-]*'),
  role TEXT NOT NULL CHECK (role IN ('admin', 'physio', 'wearer')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  wearer_id TEXT CHECK ((role = 'wearer') = (wearer_id IS NOT NULL)),
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE assignments (
  username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  wearer_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (username, wearer_id)
) WITHOUT ROWID;

CREATE TABLE api_credentials (
  token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
  kind TEXT NOT NULL CHECK (kind IN ('session', 'bearer')),
  username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  csrf_token TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX api_credentials_by_user ON api_credentials (username);

CREATE TABLE wearer_profiles (
  wearer_id TEXT PRIMARY KEY NOT NULL,
  display_name TEXT,
  body_weight_kg REAL CHECK (body_weight_kg IS NULL OR body_weight_kg BETWEEN 1 AND 500),
  shoe_size TEXT,
  notes TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE interventions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  wearer_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('orthotic_fitted', 'other')),
  on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX interventions_by_wearer ON interventions (wearer_id, on_date);

CREATE TABLE alert_acks (
  wearer_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  acknowledged_by TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  PRIMARY KEY (wearer_id, alert_id)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  wearer_id TEXT,
  detail TEXT NOT NULL DEFAULT '',
  remote_address TEXT
);

CREATE INDEX audit_log_by_wearer ON audit_log (wearer_id, at);
