-- Foundation: organization tree with history, members, positions, accounts, sessions, audit.
-- Timestamps are unix seconds (INTEGER); calendar dates are 'YYYY-MM-DD' text.

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('central','province','subordinate_committee','base_committee','base_cell','cell','group')),
  name        TEXT NOT NULL,
  name_fold   TEXT NOT NULL,
  parent_id   INTEGER REFERENCES units(id),
  path        TEXT NOT NULL,           -- materialized path of ids: '/1/5/23/'
  depth       INTEGER NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,                    -- set when closed or merged (exclusive)
  merged_into INTEGER REFERENCES units(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id);

-- Every state a unit has been in, so "the tree on date D" is one query.
CREATE TABLE unit_versions (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  parent_id   INTEGER REFERENCES units(id),
  path        TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  change      TEXT NOT NULL,           -- created, renamed, moved, merged, closed, parent_moved
  note        TEXT,
  actor_account_id INTEGER,
  at          INTEGER NOT NULL
);
CREATE INDEX unit_versions_unit ON unit_versions(unit_id, valid_from);
CREATE INDEX unit_versions_path ON unit_versions(path);

CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  full_name    TEXT NOT NULL,
  name_fold    TEXT NOT NULL,          -- folded (no marks, đ→d) for search
  sort_key     TEXT NOT NULL,          -- given name first, folded: Vietnamese alphabetical order
  birth_date   TEXT,
  sex          TEXT CHECK (sex IN ('nam','nu')),
  admitted_on  TEXT,
  official_on  TEXT,
  card_number  TEXT UNIQUE,
  citizen_id   TEXT UNIQUE,
  phone        TEXT,
  email        TEXT,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  status       TEXT NOT NULL CHECK (status IN ('probationary','official','left','transferred','deceased')),
  status_date  TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX members_unit_sort ON members(unit_id, sort_key, id);
CREATE INDEX members_name_fold ON members(name_fold);

-- Which unit a member belonged to, when (members follow merges; reports by date add up).
CREATE TABLE memberships (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT
);
CREATE INDEX memberships_member ON memberships(member_id);
CREATE INDEX memberships_unit ON memberships(unit_id);

CREATE TABLE positions (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  position    TEXT NOT NULL CHECK (position IN ('secretary','deputy_secretary','committee_member')),
  term_from   TEXT NOT NULL,
  term_to     TEXT
);
CREATE INDEX positions_unit ON positions(unit_id);
CREATE INDEX positions_member ON positions(member_id);

-- Live member counts per unit, kept by triggers so subtree totals are a sum over units.
CREATE TABLE unit_member_counts (
  unit_id      INTEGER PRIMARY KEY REFERENCES units(id),
  official     INTEGER NOT NULL DEFAULT 0,
  probationary INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER members_count_insert AFTER INSERT ON members BEGIN
  INSERT INTO unit_member_counts(unit_id, official, probationary)
  VALUES (NEW.unit_id, NEW.status = 'official', NEW.status = 'probationary')
  ON CONFLICT(unit_id) DO UPDATE SET official = official + (NEW.status = 'official'),
                                     probationary = probationary + (NEW.status = 'probationary');
END;
CREATE TRIGGER members_count_delete AFTER DELETE ON members BEGIN
  UPDATE unit_member_counts SET official = official - (OLD.status = 'official'),
                                probationary = probationary - (OLD.status = 'probationary')
  WHERE unit_id = OLD.unit_id;
END;
CREATE TRIGGER members_count_update AFTER UPDATE OF unit_id, status ON members BEGIN
  UPDATE unit_member_counts SET official = official - (OLD.status = 'official'),
                                probationary = probationary - (OLD.status = 'probationary')
  WHERE unit_id = OLD.unit_id;
  INSERT INTO unit_member_counts(unit_id, official, probationary)
  VALUES (NEW.unit_id, NEW.status = 'official', NEW.status = 'probationary')
  ON CONFLICT(unit_id) DO UPDATE SET official = official + (NEW.status = 'official'),
                                     probationary = probationary + (NEW.status = 'probationary');
END;

CREATE TABLE accounts (
  id                   INTEGER PRIMARY KEY,
  login                TEXT NOT NULL UNIQUE,     -- lowercase username
  phone                TEXT UNIQUE,              -- normalized 0xxxxxxxxx, also a login
  member_id            INTEGER REFERENCES members(id),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  totp_secret          TEXT,
  totp_enabled         INTEGER NOT NULL DEFAULT 0,
  totp_last_step       INTEGER NOT NULL DEFAULT 0, -- refuses a replayed code
  twofactor_waived     INTEGER NOT NULL DEFAULT 0, -- accounts made by `sotay user create`
  disabled             INTEGER NOT NULL DEFAULT 0,
  created_at           INTEGER NOT NULL,
  password_changed_at  INTEGER
);
CREATE INDEX accounts_member ON accounts(member_id);

CREATE TABLE role_grants (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  role        TEXT NOT NULL CHECK (role IN ('member','cell_committee','committee','editor','admin')),
  unit_id     INTEGER REFERENCES units(id),   -- NULL: the whole tree (admin only)
  granted_by  INTEGER,
  granted_at  INTEGER NOT NULL,
  UNIQUE (account_id, role, unit_id)
);
CREATE INDEX role_grants_account ON role_grants(account_id);

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY,
  token_hash       TEXT NOT NULL UNIQUE,
  account_id       INTEGER NOT NULL REFERENCES accounts(id),
  csrf_token       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  user_agent       TEXT,
  ip               TEXT,
  mfa              INTEGER NOT NULL DEFAULT 0  -- signed in with a second factor
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_throttle (
  key           TEXT PRIMARY KEY,      -- 'account:<id>' or 'ip:<address>'
  failures      INTEGER NOT NULL,
  window_start  INTEGER NOT NULL,
  locked_until  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  actor_account_id INTEGER,
  actor_ip         TEXT,
  action           TEXT NOT NULL,
  entity           TEXT NOT NULL,
  entity_id        INTEGER,
  unit_id          INTEGER,
  before_json      TEXT,
  after_json       TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_account_id);

CREATE TABLE import_jobs (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  created_by     INTEGER,
  file_name      TEXT,
  status         TEXT NOT NULL,        -- running, done, failed, dry_run
  total_rows     INTEGER NOT NULL DEFAULT 0,
  inserted       INTEGER NOT NULL DEFAULT 0,
  updated        INTEGER NOT NULL DEFAULT 0,
  errors_json    TEXT,
  created_at     INTEGER NOT NULL,
  finished_at    INTEGER
);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
