-- Library: documents with their structure and attachments, news, the search index, reading
-- records and required reading. Timestamps are unix seconds; calendar dates 'YYYY-MM-DD' text.

CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('nghi_quyet','quy_dinh','chi_thi','ket_luan','huong_dan','ke_hoach','quyet_dinh','thong_bao','cong_van','tai_lieu_hoc_tap','khac')),
  number         TEXT NOT NULL DEFAULT '',  -- as written: '294-QĐ/TW'
  number_key     TEXT NOT NULL DEFAULT '',  -- canonical tokens for lookup: '294 qd tw'
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL DEFAULT '',
  issuer         TEXT NOT NULL DEFAULT '',  -- issuing body: 'Ban Chấp hành Trung ương'
  level          TEXT NOT NULL CHECK (level IN ('central','province','base','cell')),
  issued_on      TEXT,
  effective_on   TEXT,
  legal_status   TEXT NOT NULL DEFAULT 'in_force' CHECK (legal_status IN ('in_force','superseded','expired')),
  superseded_by  INTEGER REFERENCES documents(id),
  state          TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','published','withdrawn')),
  publish_at     INTEGER,                   -- scheduled publishing (state stays 'submitted' until then)
  published_at   INTEGER,
  owner_unit_id  INTEGER NOT NULL REFERENCES units(id),  -- the editors of this subtree own it
  body           TEXT NOT NULL DEFAULT '',  -- the full text, typed or extracted from attachments
  source_key     TEXT UNIQUE,               -- `sotay import documents`: re-import updates by this key
  version        INTEGER NOT NULL DEFAULT 1,
  created_by     INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX documents_state ON documents(state, published_at);
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_owner ON documents(owner_unit_id);

-- Earlier versions, kept whole: what an editor saved before each change.
CREATE TABLE document_versions (
  id               INTEGER PRIMARY KEY,
  document_id      INTEGER NOT NULL REFERENCES documents(id),
  version          INTEGER NOT NULL,
  snapshot_json    TEXT NOT NULL,
  actor_account_id INTEGER,
  at               INTEGER NOT NULL,
  UNIQUE (document_id, version)
);

CREATE TABLE document_relations (
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  relation     TEXT NOT NULL CHECK (relation IN ('replaces','amends','implements')),
  target_id    INTEGER NOT NULL REFERENCES documents(id),
  PRIMARY KEY (document_id, relation, target_id)
);
CREATE INDEX document_relations_target ON document_relations(target_id);

CREATE TABLE document_topics (
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  topic        TEXT NOT NULL,
  PRIMARY KEY (document_id, topic)
);
CREATE INDEX document_topics_topic ON document_topics(topic);

-- The structure of the text: Phần / Chương / Mục / Điều / Khoản / Điểm or numbered points.
CREATE TABLE document_sections (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  ord          INTEGER NOT NULL,            -- reading order within the document
  parent_ord   INTEGER,                     -- NULL at the top
  depth        INTEGER NOT NULL,
  kind         TEXT NOT NULL,               -- phan, chuong, muc, dieu, khoan, diem, point, preamble
  label        TEXT NOT NULL,               -- citation: 'Điều 8 khoản 1', '2.1', 'Chương II'
  anchor       TEXT NOT NULL,               -- deep link: 'dieu-8-khoan-1', 'muc-2-1'
  heading      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',    -- the section's own text, without its children
  UNIQUE (document_id, ord)
);

-- Items (documents and news) and the units whose subtrees may see them. No row: the owner's subtree.
CREATE TABLE item_audiences (
  item_kind  TEXT NOT NULL CHECK (item_kind IN ('document','news')),
  item_id    INTEGER NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (item_kind, item_id, unit_id)
);
CREATE INDEX item_audiences_unit ON item_audiences(unit_id);

CREATE TABLE attachments (
  id               INTEGER PRIMARY KEY,
  item_kind        TEXT NOT NULL CHECK (item_kind IN ('document','news')),
  item_id          INTEGER NOT NULL,
  file_name        TEXT NOT NULL,
  content_type     TEXT NOT NULL,
  size             INTEGER NOT NULL,
  sha256           TEXT NOT NULL,
  storage_key      TEXT NOT NULL,           -- file name under the data folder's files/
  extract_state    TEXT NOT NULL DEFAULT 'none' CHECK (extract_state IN ('none','pending','running','done','failed')),
  extract_done     INTEGER NOT NULL DEFAULT 0,  -- pages done
  extract_total    INTEGER NOT NULL DEFAULT 0,  -- pages in all
  extract_error    TEXT,
  extracted_text   TEXT,
  created_by       INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE INDEX attachments_item ON attachments(item_kind, item_id);
CREATE INDEX attachments_extract ON attachments(extract_state);

CREATE TABLE news (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL DEFAULT '',
  body           TEXT NOT NULL DEFAULT '',  -- Markdown; rendered and sanitized on output
  category       TEXT NOT NULL,
  cover_key      TEXT,                      -- resized cover under files/ (phone width)
  pinned         INTEGER NOT NULL DEFAULT 0,
  state          TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','published','withdrawn')),
  publish_at     INTEGER,
  published_at   INTEGER,
  owner_unit_id  INTEGER NOT NULL REFERENCES units(id),
  version        INTEGER NOT NULL DEFAULT 1,
  created_by     INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX news_feed ON news(state, pinned, published_at);

CREATE TABLE news_versions (
  id               INTEGER PRIMARY KEY,
  news_id          INTEGER NOT NULL REFERENCES news(id),
  version          INTEGER NOT NULL,
  snapshot_json    TEXT NOT NULL,
  actor_account_id INTEGER,
  at               INTEGER NOT NULL,
  UNIQUE (news_id, version)
);

-- Search: one entry per searchable passage (a document's title card, each section with text,
-- each news article). Text is stored already normalized by search/normalizer (the one
-- normalizer): `exact` keeps the marks, `folded` drops them; the full-text index is on `folded`.
CREATE TABLE search_entries (
  id           INTEGER PRIMARY KEY,
  item_kind    TEXT NOT NULL CHECK (item_kind IN ('document','news')),
  item_id      INTEGER NOT NULL,
  section_id   INTEGER,                     -- NULL: the item's title card
  exact        TEXT NOT NULL,
  folded       TEXT NOT NULL,
  length       INTEGER NOT NULL             -- tokens, for BM25
);
CREATE INDEX search_entries_item ON search_entries(item_kind, item_id);
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_entries', content_rowid='id',
  tokenize='unicode61 remove_diacritics 0', detail='full');

-- Document frequency of each folded term, for BM25 computed the same way on both backends.
CREATE TABLE search_terms (
  term  TEXT PRIMARY KEY,
  df    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE search_stats (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  entries       INTEGER NOT NULL,
  total_length  INTEGER NOT NULL
);
INSERT INTO search_stats(id, entries, total_length) VALUES (1, 0, 0);

-- What each member has read: one row per member and item, merged idempotently (MIN/MAX) from
-- the app's batches, so a batch sent twice or out of order changes nothing.
CREATE TABLE reading_records (
  member_id       INTEGER NOT NULL REFERENCES members(id),
  item_kind       TEXT NOT NULL CHECK (item_kind IN ('document','news')),
  item_id         INTEGER NOT NULL,
  first_opened_at INTEGER NOT NULL,
  last_opened_at  INTEGER NOT NULL,
  seconds         INTEGER NOT NULL DEFAULT 0,   -- the app's running total for this item (MAX wins)
  reached_end_at  INTEGER,
  PRIMARY KEY (member_id, item_kind, item_id)
);
CREATE INDEX reading_records_item ON reading_records(item_kind, item_id);

CREATE TABLE required_readings (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),   -- the subtree that must read it
  deadline     TEXT NOT NULL,                           -- 'YYYY-MM-DD', Vietnam time
  note         TEXT NOT NULL DEFAULT '',
  created_by   INTEGER,
  created_at   INTEGER NOT NULL,
  reminded_at  INTEGER,
  UNIQUE (document_id, unit_id)
);

-- Reminders to members who had not read by the deadline (shown in the app; pushed by notices).
CREATE TABLE reading_reminders (
  required_reading_id  INTEGER NOT NULL REFERENCES required_readings(id),
  member_id            INTEGER NOT NULL REFERENCES members(id),
  sent_at              INTEGER NOT NULL,
  PRIMARY KEY (required_reading_id, member_id)
);
CREATE INDEX reading_reminders_member ON reading_reminders(member_id);

CREATE TABLE favourites (
  member_id   INTEGER NOT NULL REFERENCES members(id),
  item_kind   TEXT NOT NULL CHECK (item_kind IN ('document','news')),
  item_id     INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (member_id, item_kind, item_id)
);

-- Background jobs that survive a restart (attachment text extraction).
CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  target_id   INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending','running','done','failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX jobs_pending ON jobs(state, id);
