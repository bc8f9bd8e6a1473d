-- Files attached to notices (domain/notice_files). A committee uploads them while writing the
-- notice (notice_id NULL until it is sent); sending links them to the notice in the same
-- transaction that stores it. Bytes are content-addressed under files/ like document attachments.
CREATE TABLE notice_files (
  id            INTEGER PRIMARY KEY,
  notice_id     INTEGER REFERENCES notices(id),   -- NULL: uploaded, not sent yet
  file_name     TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  storage_key   TEXT NOT NULL,
  uploaded_by   INTEGER NOT NULL REFERENCES accounts(id),
  created_at    INTEGER NOT NULL
);
CREATE INDEX notice_files_notice ON notice_files(notice_id);
CREATE INDEX notice_files_storage ON notice_files(storage_key);
-- Uploads never sent are removed after a day (notice_files::remove_unsent).
CREATE INDEX notice_files_unsent ON notice_files(created_at) WHERE notice_id IS NULL;
