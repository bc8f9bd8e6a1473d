-- Notices from committees to members (domain/notices), their inboxes and Web Push
-- (docs/decisions/0006-notices-and-live-delivery.md).

-- One notice. The audience is kept as sent (units, positions, named members); the recipients it
-- resolved to are the rows of notice_recipients, written by the fan-out.
CREATE TABLE notices (
  id                INTEGER PRIMARY KEY,
  sender_account_id INTEGER REFERENCES accounts(id),     -- NULL: the command line
  sender_unit_id    INTEGER NOT NULL REFERENCES units(id),  -- the committee that sends (its grant's unit)
  title             TEXT NOT NULL,
  body              TEXT NOT NULL,
  priority          TEXT NOT NULL CHECK (priority IN ('normal','urgent')),
  require_ack       INTEGER NOT NULL DEFAULT 0,
  ack_deadline      INTEGER,                 -- unix seconds
  audience_json     TEXT NOT NULL,
  documents_json    TEXT NOT NULL DEFAULT '[]',  -- linked document ids
  -- scheduled: waits for send_at; sending: fan-out under way (resumed after a crash);
  -- sent: in the inboxes; cancelled: a scheduled notice withdrawn before sending.
  state             TEXT NOT NULL CHECK (state IN ('scheduled','sending','sent','cancelled')),
  send_at           INTEGER NOT NULL,
  created_at        INTEGER NOT NULL,
  sent_at           INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,   -- +1 for each correction
  recalled_at       INTEGER,                 -- recalled notices stay in inboxes, marked and explained
  recall_reason     TEXT,
  recipients        INTEGER NOT NULL DEFAULT 0,
  reminders_sent    INTEGER NOT NULL DEFAULT 0,   -- automatic reminders of an urgent notice so far
  next_reminder_at  INTEGER
);
CREATE INDEX notices_due ON notices(state, send_at);
CREATE INDEX notices_sender_unit ON notices(sender_unit_id, id);
CREATE INDEX notices_reminder ON notices(next_reminder_at) WHERE next_reminder_at IS NOT NULL;

-- What recipients saw before each correction or the recall (shown to them as the history).
CREATE TABLE notice_versions (
  notice_id   INTEGER NOT NULL REFERENCES notices(id),
  version     INTEGER NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('sent','corrected','recalled')),
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  changed_at  INTEGER NOT NULL,
  changed_by  INTEGER,
  PRIMARY KEY (notice_id, version, change)
);

-- What happened to a notice, in order: the unit of live delivery. On PostgreSQL each insert is
-- announced with pg_notify('sotay_notice', id) in the same transaction; a server that lost its
-- connection replays the events written since.
CREATE TABLE notice_events (
  id         INTEGER PRIMARY KEY,
  notice_id  INTEGER NOT NULL REFERENCES notices(id),
  event      TEXT NOT NULL CHECK (event IN ('sent','corrected','recalled','reminded')),
  at         INTEGER NOT NULL
);
CREATE INDEX notice_events_at ON notice_events(at);

-- The inboxes: one row per notice and member, so a fan-out re-run after a crash adds no
-- duplicate (the primary key). unit_id is the member's unit when it was sent, so the follow-up
-- statistics still add up after a transfer. No foreign keys: the fan-out writes 100,000 rows
-- at once from members and the notice it has just stored, and checking each row doubled its
-- time on PostgreSQL (members and notices are never deleted).
CREATE TABLE notice_recipients (
  notice_id     INTEGER NOT NULL,
  member_id     INTEGER NOT NULL,
  unit_id       INTEGER NOT NULL,
  delivered_at  INTEGER,     -- reached a device: an open app, a push service's acceptance, or the inbox list
  read_at       INTEGER,
  acked_at      INTEGER,
  reminded_at   INTEGER,
  PRIMARY KEY (notice_id, member_id)
) WITHOUT ROWID;
CREATE INDEX notice_recipients_member ON notice_recipients(member_id, notice_id);

-- Web Push subscriptions, one per installed app (device); endpoint is the push service's URL.
CREATE TABLE push_subscriptions (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id),
  endpoint      TEXT NOT NULL UNIQUE,
  p256dh        TEXT NOT NULL,   -- base64url, the app's public key
  auth          TEXT NOT NULL,   -- base64url, the app's auth secret
  user_agent    TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  last_ok_at    INTEGER,
  failures      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX push_subscriptions_account ON push_subscriptions(account_id);

-- Pushes waiting to be sent (or retried after a 5xx / network error, with backoff).
CREATE TABLE push_outbox (
  id               INTEGER PRIMARY KEY,
  subscription_id  INTEGER NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
  notice_id        INTEGER,
  member_id        INTEGER,           -- the recipient: skipped when an open app already got it
  payload          TEXT,              -- JSON for the service worker; NULL: built from the notice
  urgency          TEXT NOT NULL DEFAULT 'normal',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX push_outbox_due ON push_outbox(next_attempt_at);

-- Which pushes a member wants, per kind and level of the sender (urgent notices always come).
CREATE TABLE notification_prefs (
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  topic       TEXT NOT NULL CHECK (topic IN ('notices','news','reading')),
  level       TEXT NOT NULL CHECK (level IN ('central','province','base','cell')),
  push        INTEGER NOT NULL,
  PRIMARY KEY (account_id, topic, level)
);

-- Server-wide settings made at first start (the VAPID key pair of Web Push).
CREATE TABLE server_settings (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
