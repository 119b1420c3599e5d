-- The projection of a truce log: every row is a function of the entries
-- applied so far, in index order.
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (
  idx INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  created TEXT NOT NULL,
  visibility TEXT NOT NULL,
  signers TEXT NOT NULL,          -- JSON array of member ids
  envelope_sha256 BLOB NOT NULL,  -- SHA-256 of the canonical envelope; a restricted leaf's digest
  content_sha256 TEXT,            -- a source's or evidence's sha256, hex
  record TEXT                     -- the canonical record, unless its body is an item's
);
CREATE INDEX IF NOT EXISTS entries_envelope ON entries(envelope_sha256);
CREATE INDEX IF NOT EXISTS entries_content ON entries(content_sha256) WHERE content_sha256 IS NOT NULL;
CREATE TABLE IF NOT EXISTS members (
  keyid TEXT PRIMARY KEY, id TEXT NOT NULL, role TEXT NOT NULL, party TEXT,
  name TEXT NOT NULL, revoked INTEGER, since INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parties (id TEXT PRIMARY KEY, name TEXT NOT NULL, idx INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (
  idx INTEGER PRIMARY KEY,
  list TEXT NOT NULL,             -- rounds, commitments, incidents, claims, sources, requests, findings
  subtype TEXT,                   -- event_type, category or kind
  date TEXT,                      -- YYYY-MM-DD, for date ranges
  deadline TEXT,                  -- a commitment's deadline or a request's due time, UTC RFC 3339
  place TEXT,
  status TEXT,                    -- the status before time-dependent rules (lapsed, overdue)
  signers TEXT NOT NULL,          -- JSON array of member ids
  corrected_by INTEGER,
  body TEXT NOT NULL              -- the body shown: a correction's replacement supersedes it
);
CREATE INDEX IF NOT EXISTS items_list ON items(list, idx);
CREATE INDEX IF NOT EXISTS items_date ON items(list, date, idx);
CREATE INDEX IF NOT EXISTS items_status ON items(list, status, subtype, idx);
CREATE INDEX IF NOT EXISTS items_subtype ON items(list, subtype, idx);
CREATE TABLE IF NOT EXISTS item_parties (party TEXT NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (party, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (dst INTEGER NOT NULL, rel TEXT NOT NULL, src INTEGER NOT NULL, PRIMARY KEY (dst, rel, src)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_src ON links(src, rel);
CREATE TABLE IF NOT EXISTS figures (
  claim INTEGER NOT NULL, n INTEGER NOT NULL, what TEXT NOT NULL, count INTEGER NOT NULL,
  qualifier TEXT NOT NULL, attributed_to TEXT, PRIMARY KEY (claim, n)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
-- The payloads of public entries and the keys that signed them: a payload
-- re-posted with some of its signers is the entry already recorded.
-- Rows keyed by index, in the order entries come, and found by payload
-- through an index: keyed by the hash itself, every batch of a long
-- catch-up would write all over the table.
CREATE TABLE IF NOT EXISTS payloads (idx INTEGER PRIMARY KEY, sha256 BLOB NOT NULL, keyids TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS payloads_sha256 ON payloads(sha256, idx);
-- Entries that are a statement already listed (a payload recorded before):
-- what cites them reaches the item of the first.
CREATE TABLE IF NOT EXISTS repeats (idx INTEGER PRIMARY KEY, first INTEGER NOT NULL);
