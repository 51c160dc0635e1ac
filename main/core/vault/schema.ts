import type { SqlOp } from './journal';

export const SCHEMA_VERSION = 1;

/**
 * Schema of the vault database (version 1). Bodies are not here: each version's
 * content is a blob, referenced by its content address. Full-text search uses
 * FTS4 (sql.js has no FTS5) as an external-content table over fts_stage, which is
 * kept empty: the index stores terms only, never a second copy of the text. To
 * remove a document from the index, its old text is staged for the duration of
 * the delete (FTS4 reads the terms to remove from the content table).
 */
const DDL = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE documents (
     num INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     template_id TEXT NOT NULL,
     industry TEXT NOT NULL,
     classification TEXT NOT NULL,
     subject_id TEXT,
     version INTEGER NOT NULL,
     bytes INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL)`,
  `CREATE INDEX documents_updated ON documents (updated_at DESC, num DESC)`,
  `CREATE INDEX documents_subject ON documents (subject_id) WHERE subject_id IS NOT NULL`,
  `CREATE TABLE versions (
     doc_num INTEGER NOT NULL,
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     blob_id TEXT NOT NULL,
     key_scope TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (doc_num, version)) WITHOUT ROWID`,
  `CREATE INDEX versions_blob ON versions (blob_id)`,
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE sync_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL)`,
  `CREATE TABLE fts_stage (docid INTEGER PRIMARY KEY, title TEXT, body TEXT)`,
  `CREATE VIRTUAL TABLE fts USING fts4(content="fts_stage", title, body, tokenize=unicode61)`,
  // Incremental merges keep a save from occasionally paying for a large segment merge.
  `INSERT INTO fts (fts) VALUES ('automerge=8')`,
  /** Documents erased by crypto-shredding, so a lookup can say why they are gone (subject by pseudonym). */
  `CREATE TABLE shredded (doc_id TEXT PRIMARY KEY, subject_ref TEXT NOT NULL, shredded_at INTEGER NOT NULL) WITHOUT ROWID`,
  /** Shreds begun but not finished (the key is destroyed last); finished on the next unlock. */
  `CREATE TABLE shred_jobs (subject_ref TEXT PRIMARY KEY, requested_at INTEGER NOT NULL) WITHOUT ROWID`,
  /** Blobs that may have lost their last reference; the collector deletes the unreferenced ones. */
  `CREATE TABLE blob_gc (blob_id TEXT PRIMARY KEY) WITHOUT ROWID`,
];

export function schemaOps(): SqlOp[] {
  return [
    ...DDL.map((sql): SqlOp => [sql, []]),
    ['INSERT INTO meta (key, value) VALUES (?, ?)', ['schema_version', String(SCHEMA_VERSION)]],
  ];
}
