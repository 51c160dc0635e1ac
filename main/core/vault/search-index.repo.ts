import { toSummary, type Classification, type DocRow, type DocumentSummary } from './document.repo';
import type { SqlOp, SqlParam } from './journal';
import type { VaultStore } from './vault-store';

/** Which documents a search may return; every present filter must hold. */
export interface SearchFilters {
  industries?: readonly string[];
  templateIds?: readonly string[];
  classifications?: readonly Classification[];
  /** Inclusive bounds on the last change (ms since the epoch). */
  updatedFrom?: number;
  updatedTo?: number;
}

/** One full-text hit: the document and FTS4's `matchinfo(fts, 'pcnalx')` for the ranking. */
export interface FtsHit {
  num: number;
  summary: DocumentSummary;
  matchinfo: Uint32Array;
}

/** A document whose semantic vector is missing or older than its current version. */
export interface PendingVector {
  num: number;
  id: string;
  version: number;
  classification: Classification;
}

/** A stored embedding (vectors are stored in the vault database, so sealed like everything in it). */
export interface StoredVector {
  num: number;
  version: number;
  vector: Float32Array;
}

/**
 * The search side of the vault: the FTS4 index with the statistics a ranking needs, and the
 * table of document embeddings. Vectors live in the encrypted database (snapshot and journal are
 * AES-GCM sealed), never in a side file. The table is created on first use by a journaled
 * statement, so an existing vault needs no schema migration and a replay recreates it; a trigger
 * drops a document's vector when the document row goes (delete, crypto-shred), so an embedding
 * (from which text can partly be recovered) never outlives its document.
 */
export interface SearchIndexRepo {
  /**
   * Documents matching an FTS4 MATCH expression (see toMatchExpression) and the filters, at most
   * `limit`, the most recently created first (FTS4 walks its doclists backwards for docid DESC).
   */
  fullText(match: string, filters: SearchFilters, limit: number): Promise<FtsHit[]>;
  /** Document numbers that pass the filters, or undefined when there are no filters (all pass). */
  filteredNums(filters: SearchFilters): Promise<Set<number> | undefined>;
  /** Summaries for document numbers (documents gone since are left out). */
  summaries(nums: readonly number[]): Promise<Map<number, DocumentSummary>>;
  /** Documents with no vector from `model` for their current version, oldest change first. */
  pendingVectors(model: string, limit: number): Promise<PendingVector[]>;
  countPendingVectors(model: string): Promise<number>;
  /** Every vector stored for `model`. */
  loadVectors(model: string): Promise<StoredVector[]>;
  /** Stores vectors (one journal record for the batch). */
  putVectors(model: string, vectors: readonly StoredVector[]): Promise<void>;
}

const VECTOR_DDL: SqlOp[] = [
  [
    `CREATE TABLE IF NOT EXISTS search_vectors (
       doc_num INTEGER PRIMARY KEY,
       version INTEGER NOT NULL,
       model TEXT NOT NULL,
       dims INTEGER NOT NULL,
       vec TEXT NOT NULL)`,
    [],
  ],
  [
    `CREATE TRIGGER IF NOT EXISTS search_vectors_gc AFTER DELETE ON documents
     BEGIN DELETE FROM search_vectors WHERE doc_num = OLD.num; END`,
    [],
  ],
];

const COLUMNS =
  'd.num AS num, d.id AS id, d.title AS title, d.template_id AS template_id, d.industry AS industry, d.classification AS classification, d.subject_id AS subject_id, d.version AS version, d.bytes AS bytes, d.created_at AS created_at, d.updated_at AS updated_at';

/** SQL conditions on `documents d` for the filters, with their parameters. */
export function filterClause(filters: SearchFilters): { sql: string; params: SqlParam[] } {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined || values.length === 0) return;
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('d.industry', filters.industries);
  inList('d.template_id', filters.templateIds);
  inList('d.classification', filters.classifications);
  if (filters.updatedFrom !== undefined) {
    parts.push('d.updated_at >= ?');
    params.push(filters.updatedFrom);
  }
  if (filters.updatedTo !== undefined) {
    parts.push('d.updated_at <= ?');
    params.push(filters.updatedTo);
  }
  return { sql: parts.join(' AND '), params };
}

/** Float32 vectors travel through the journal as base64 text (journal parameters are text or numbers). */
export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

export function decodeVector(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function toUint32(bytes: unknown): Uint32Array {
  if (!(bytes instanceof Uint8Array)) return new Uint32Array(0);
  // matchinfo is an array of native-endian unsigned 32-bit integers; copy for alignment.
  const out = new Uint32Array(bytes.length >>> 2);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

export function createSearchIndexRepo(store: () => VaultStore): SearchIndexRepo {
  /** Per open store: whether the vectors table is known to exist. */
  const ready = new WeakSet<VaultStore>();

  function hasVectorTable(s: VaultStore): boolean {
    if (ready.has(s)) return true;
    const found = s.db.get(
      "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'search_vectors'",
    );
    if (found) ready.add(s);
    return found !== undefined;
  }

  return {
    async fullText(match, filters, limit) {
      const s = store();
      return s.exclusive(() => {
        const where = filterClause(filters);
        const rows = s.db.all<DocRow & { mi: SqlParam }>(
          `SELECT ${COLUMNS}, matchinfo(fts, 'pcnalx') AS mi FROM fts JOIN documents d ON d.num = fts.docid
           WHERE fts MATCH ?${where.sql ? ` AND ${where.sql}` : ''} ORDER BY fts.docid DESC LIMIT ?`,
          [match, ...where.params, limit],
        );
        return rows.map((r) => ({ num: r.num, summary: toSummary(r), matchinfo: toUint32(r.mi) }));
      });
    },

    async filteredNums(filters) {
      const where = filterClause(filters);
      if (!where.sql) return undefined;
      const s = store();
      return s.exclusive(
        () =>
          new Set(
            s.db
              .all<{ num: number }>(`SELECT d.num AS num FROM documents d WHERE ${where.sql}`, where.params)
              .map((r) => r.num),
          ),
      );
    },

    async summaries(nums) {
      const s = store();
      const out = new Map<number, DocumentSummary>();
      if (nums.length === 0) return out;
      return s.exclusive(() => {
        // In chunks: SQLite limits the number of bound parameters.
        for (let i = 0; i < nums.length; i += 500) {
          const chunk = nums.slice(i, i + 500);
          const rows = s.db.all<DocRow>(
            `SELECT ${COLUMNS} FROM documents d WHERE d.num IN (${chunk.map(() => '?').join(', ')})`,
            chunk,
          );
          for (const r of rows) out.set(r.num, toSummary(r));
        }
        return out;
      });
    },

    async pendingVectors(model, limit) {
      const s = store();
      return s.exclusive(() => {
        const sql = hasVectorTable(s)
          ? `SELECT d.num AS num, d.id AS id, d.version AS version, d.classification AS classification
             FROM documents d LEFT JOIN search_vectors v ON v.doc_num = d.num
             WHERE v.doc_num IS NULL OR v.version != d.version OR v.model != ?
             ORDER BY d.updated_at DESC LIMIT ?`
          : `SELECT d.num AS num, d.id AS id, d.version AS version, d.classification AS classification
             FROM documents d WHERE ? IS NOT NULL ORDER BY d.updated_at DESC LIMIT ?`;
        return s.db
          .all<{ num: number; id: string; version: number; classification: string }>(sql, [model, limit])
          .map((r) => ({ ...r, classification: r.classification as Classification }));
      });
    },

    async countPendingVectors(model) {
      const s = store();
      return s.exclusive(() => {
        const sql = hasVectorTable(s)
          ? `SELECT count(*) AS n FROM documents d LEFT JOIN search_vectors v ON v.doc_num = d.num
             WHERE v.doc_num IS NULL OR v.version != d.version OR v.model != ?`
          : 'SELECT count(*) AS n FROM documents d WHERE ? IS NOT NULL';
        return s.db.get<{ n: number }>(sql, [model])?.n ?? 0;
      });
    },

    async loadVectors(model) {
      const s = store();
      return s.exclusive(() => {
        if (!hasVectorTable(s)) return [];
        return s.db
          .all<{ doc_num: number; version: number; vec: string }>(
            'SELECT v.doc_num AS doc_num, v.version AS version, v.vec AS vec FROM search_vectors v JOIN documents d ON d.num = v.doc_num WHERE v.model = ? AND v.version = d.version',
            [model],
          )
          .map((r) => ({ num: r.doc_num, version: r.version, vector: decodeVector(r.vec) }));
      });
    },

    async putVectors(model, vectors) {
      if (vectors.length === 0) return;
      const s = store();
      await s.exclusive(async () => {
        const ops: SqlOp[] = hasVectorTable(s) ? [] : [...VECTOR_DDL];
        for (const v of vectors) {
          ops.push([
            'INSERT OR REPLACE INTO search_vectors (doc_num, version, model, dims, vec) SELECT num, ?, ?, ?, ? FROM documents WHERE num = ?',
            [v.version, model, v.vector.length, encodeVector(v.vector), v.num],
          ]);
        }
        await s.commit(ops);
        ready.add(s);
      });
    },
  };
}
