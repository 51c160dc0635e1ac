import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { searchableText, toMatchExpression } from './fts-text';
import type { SqlOp } from './journal';
import { addSubjectKey, currentKey, destroyKeys, type KeyScope } from './key-hierarchy';
import type { Row } from './sql-store';
import { VaultError } from './vault-errors';
import { commitError, type VaultStore } from './vault-store';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'phi'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const SaveDocumentInput = z.object({
  id: z.string().regex(idPattern, 'id: 1–128 letters, digits, . _ : -').optional(),
  title: z.string().max(1000),
  templateId: z.string().min(1).max(200),
  industry: z.string().min(1).max(100),
  classification: z.enum(CLASSIFICATIONS),
  /** The document content as JSON text (e.g. a TipTap document). */
  body: z.string().max(64 * 1024 * 1024),
  /** Data subject (e.g. a patient): the content is sealed under that subject's key. */
  subjectId: z.string().regex(idPattern, 'subjectId: 1–128 letters, digits, . _ : -').optional(),
});
export type SaveDocumentInput = z.infer<typeof SaveDocumentInput>;

/** A document's metadata, without its body. */
export interface DocumentSummary {
  id: string;
  title: string;
  templateId: string;
  industry: string;
  classification: Classification;
  subjectId: string | null;
  version: number;
  bytes: number;
  createdAt: number;
  updatedAt: number;
}

/** A document (current or a given version) with its body. */
export interface DocumentRecord extends DocumentSummary {
  body: string;
}

export interface VersionInfo {
  version: number;
  title: string;
  bytes: number;
  createdAt: number;
}

export interface ListQuery {
  /** Words to search for in title and body (FTS4; every word must match, as a prefix). */
  query?: string;
  limit?: number;
  offset?: number;
}

/** Documents in the vault. Every save is a new version; bodies live in encrypted blobs. */
export interface DocumentRepo {
  save(input: SaveDocumentInput): Promise<{ id: string; version: number }>;
  /** Bulk import: many saves as one journal record (one fsync), e.g. for migration or benchmarks. */
  saveMany(inputs: SaveDocumentInput[]): Promise<Array<{ id: string; version: number }>>;
  get(id: string): Promise<DocumentRecord>;
  list(query?: ListQuery): Promise<{ items: DocumentSummary[]; total: number }>;
  versions(id: string): Promise<VersionInfo[]>;
  getVersion(id: string, version: number): Promise<DocumentRecord>;
  delete(id: string): Promise<void>;
}

/** A `documents` row as selected by DOC_COLUMNS (the search index selects the same names). */
export type DocRow = Row & {
  num: number;
  id: string;
  title: string;
  template_id: string;
  industry: string;
  classification: string;
  subject_id: string | null;
  version: number;
  bytes: number;
  created_at: number;
  updated_at: number;
};

const DOC_COLUMNS =
  'num, id, title, template_id, industry, classification, subject_id, version, bytes, created_at, updated_at';

export function toSummary(r: DocRow): DocumentSummary {
  return {
    id: r.id,
    title: r.title,
    templateId: r.template_id,
    industry: r.industry,
    classification: r.classification as Classification,
    subjectId: r.subject_id,
    version: r.version,
    bytes: r.bytes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function scopeOf(subjectId: string | null | undefined): KeyScope {
  return subjectId ? `subject:${subjectId}` : 'data';
}

function parseInput(input: unknown): SaveDocumentInput {
  const parsed = SaveDocumentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultError(
      'INVALID_ARGUMENT',
      `Invalid document: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  try {
    JSON.parse(parsed.data.body);
  } catch {
    throw new VaultError('INVALID_ARGUMENT', 'Invalid document: body must be JSON text.');
  }
  return parsed.data;
}

function findDoc(store: VaultStore, id: string): DocRow | undefined {
  return store.db.get<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`, [id]);
}

function notFound(store: VaultStore, id: string): VaultError {
  if (store.db.get('SELECT 1 AS x FROM shredded WHERE doc_id = ?', [id])) {
    return new VaultError(
      'NOT_FOUND',
      `Document ${id} was erased when its data subject was crypto-shredded.`,
    );
  }
  return new VaultError('NOT_FOUND', `No document with id ${id}.`);
}

/**
 * The text the FTS index holds for a document, recomputed from its current
 * version so it can be removed from the index. Undefined when the blob cannot be
 * read (damaged, or its key destroyed): the old terms then stay in the index,
 * which can only cause extra hits that the join with `documents` filters out.
 */
export async function indexedText(store: VaultStore, doc: DocRow): Promise<string | undefined> {
  const v = store.db.get<{ blob_id: string; key_scope: string }>(
    'SELECT blob_id, key_scope FROM versions WHERE doc_num = ? AND version = ?',
    [doc.num, doc.version],
  );
  if (!v) return undefined;
  try {
    const plain = await store.blobs.get(v.blob_id, v.key_scope as KeyScope);
    return searchableText(plain.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Statements that remove a document's terms from the FTS4 index (external content: stage, delete, unstage). */
export function ftsRemoveOps(doc: DocRow, text: string | undefined): SqlOp[] {
  // Without the old text FTS4 cannot find the terms; the delete still drops the docid's size row.
  if (text === undefined) return [['DELETE FROM fts WHERE docid = ?', [doc.num]]];
  return [
    ['INSERT INTO fts_stage (docid, title, body) VALUES (?, ?, ?)', [doc.num, doc.title, text]],
    ['DELETE FROM fts WHERE docid = ?', [doc.num]],
    ['DELETE FROM fts_stage', []],
  ];
}

/** Makes sure a subject has a current key (persisting vault.keys when one is created). */
async function ensureSubjectKey(store: VaultStore, subjectId: string): Promise<void> {
  if (currentKey(store.ring, `subject:${subjectId}`)) return;
  const id = addSubjectKey(store.ring, subjectId, store.deps.clock.now());
  try {
    await store.persistKeys();
  } catch (err) {
    destroyKeys(store.ring, (k) => k.id === id);
    throw err;
  }
}

export function createDocumentRepo(store: () => VaultStore): DocumentRepo {
  /** Builds the statements for one save; writes its blob. Caller holds the mutex. */
  async function prepareSave(s: VaultStore, input: SaveDocumentInput, bulk: boolean) {
    const id = input.id ?? randomUUID();
    const existing = findDoc(s, id);
    if (!existing && s.db.get('SELECT 1 AS x FROM shredded WHERE doc_id = ?', [id])) {
      throw new VaultError(
        'INVALID_ARGUMENT',
        `Document ${id} was crypto-shredded; its id cannot be reused.`,
      );
    }
    const subjectId = input.subjectId ?? null;
    if (existing && existing.subject_id !== subjectId) {
      throw new VaultError(
        'INVALID_ARGUMENT',
        `Document ${id} belongs to ${existing.subject_id ? `subject ${existing.subject_id}` : 'no subject'}; that cannot change.`,
      );
    }
    if (subjectId) await ensureSubjectKey(s, subjectId);
    const scope = scopeOf(subjectId);
    const body = Buffer.from(input.body, 'utf8');
    // In bulk the folder fsyncs are batched (syncPendingDirs) before the one commit.
    const { blobId } = await s.blobs.put(scope, body, { syncDir: !bulk }).catch((err: unknown) => {
      throw commitError(err);
    });
    const now = s.deps.clock.now();
    const version = existing ? existing.version + 1 : 1;
    const ops: SqlOp[] = [];
    if (existing) {
      ops.push(...ftsRemoveOps(existing, await indexedText(s, existing)));
      ops.push([
        'UPDATE documents SET title = ?, template_id = ?, industry = ?, classification = ?, version = ?, bytes = ?, updated_at = ? WHERE id = ?',
        [input.title, input.templateId, input.industry, input.classification, version, body.length, now, id],
      ]);
    } else {
      ops.push([
        'INSERT INTO documents (id, title, template_id, industry, classification, subject_id, version, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          id,
          input.title,
          input.templateId,
          input.industry,
          input.classification,
          subjectId,
          version,
          body.length,
          now,
          now,
        ],
      ]);
    }
    ops.push(
      [
        'INSERT INTO versions (doc_num, version, title, blob_id, key_scope, bytes, created_at) VALUES ((SELECT num FROM documents WHERE id = ?), ?, ?, ?, ?, ?, ?)',
        [id, version, input.title, blobId, scope, body.length, now],
      ],
      [
        'INSERT INTO fts (docid, title, body) VALUES ((SELECT num FROM documents WHERE id = ?), ?, ?)',
        [id, input.title, searchableText(input.body)],
      ],
    );
    return { id, version, ops };
  }

  async function readVersion(s: VaultStore, doc: DocRow, version: number): Promise<DocumentRecord> {
    const v = s.db.get<{
      title: string;
      blob_id: string;
      key_scope: string;
      bytes: number;
      created_at: number;
    }>(
      'SELECT title, blob_id, key_scope, bytes, created_at FROM versions WHERE doc_num = ? AND version = ?',
      [doc.num, version],
    );
    if (!v) throw new VaultError('NOT_FOUND', `Document ${doc.id} has no version ${version}.`);
    const plain = await s.blobs.get(v.blob_id, v.key_scope as KeyScope);
    const body = plain.toString('utf8');
    plain.fill(0);
    const summary = toSummary(doc);
    if (version === doc.version) return { ...summary, body };
    return { ...summary, title: v.title, version, bytes: v.bytes, updatedAt: v.created_at, body };
  }

  return {
    async save(input) {
      const parsed = parseInput(input);
      const s = store();
      return s.exclusive(async () => {
        const { id, version, ops } = await prepareSave(s, parsed, false);
        await s.commit(ops);
        return { id, version };
      });
    },

    async saveMany(inputs) {
      const parsed = inputs.map(parseInput);
      const s = store();
      return s.exclusive(async () => {
        const seen = new Set<string>();
        const results: Array<{ id: string; version: number }> = [];
        const ops: SqlOp[] = [];
        for (const input of parsed) {
          // Statements are built against the state before the batch, so an id may appear once.
          if (input.id && seen.has(input.id))
            throw new VaultError('INVALID_ARGUMENT', `Document ${input.id} appears twice in one import.`);
          if (input.id) seen.add(input.id);
          const r = await prepareSave(s, input, true);
          results.push({ id: r.id, version: r.version });
          ops.push(...r.ops);
        }
        await s.blobs.syncPendingDirs();
        await s.commit(ops);
        return results;
      });
    },

    async get(id) {
      const s = store();
      return s.exclusive(async () => {
        const doc = findDoc(s, id);
        if (!doc) throw notFound(s, id);
        return readVersion(s, doc, doc.version);
      });
    },

    async list(q = {}) {
      const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 1000);
      const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
      const s = store();
      return s.exclusive(() => {
        const match = q.query === undefined ? undefined : toMatchExpression(q.query);
        const where = match ? 'WHERE num IN (SELECT docid FROM fts WHERE fts MATCH ?)' : '';
        const params = match ? [match] : [];
        const rows = s.db.all<DocRow>(
          `SELECT ${DOC_COLUMNS} FROM documents ${where} ORDER BY updated_at DESC, num DESC LIMIT ? OFFSET ?`,
          [...params, limit, offset],
        );
        const total = s.db.get<{ n: number }>(`SELECT count(*) AS n FROM documents ${where}`, params)?.n ?? 0;
        return { items: rows.map(toSummary), total };
      });
    },

    async versions(id) {
      const s = store();
      return s.exclusive(() => {
        const doc = findDoc(s, id);
        if (!doc) throw notFound(s, id);
        return s.db
          .all<{ version: number; title: string; bytes: number; created_at: number }>(
            'SELECT version, title, bytes, created_at FROM versions WHERE doc_num = ? ORDER BY version',
            [doc.num],
          )
          .map((v) => ({ version: v.version, title: v.title, bytes: v.bytes, createdAt: v.created_at }));
      });
    },

    async getVersion(id, version) {
      if (!Number.isInteger(version) || version < 1)
        throw new VaultError('INVALID_ARGUMENT', 'version must be a positive integer.');
      const s = store();
      return s.exclusive(async () => {
        const doc = findDoc(s, id);
        if (!doc) throw notFound(s, id);
        return readVersion(s, doc, version);
      });
    },

    async delete(id) {
      const s = store();
      await s.exclusive(async () => {
        const doc = findDoc(s, id);
        if (!doc) throw notFound(s, id);
        await s.commit([...deleteDocumentOps(doc, await indexedText(s, doc))]);
      });
    },
  };
}

/** Removes a document, its versions and index terms; queues its blobs for collection. */
export function deleteDocumentOps(doc: DocRow, text: string | undefined): SqlOp[] {
  return [
    ...ftsRemoveOps(doc, text),
    ['INSERT OR IGNORE INTO blob_gc (blob_id) SELECT blob_id FROM versions WHERE doc_num = ?', [doc.num]],
    ['DELETE FROM versions WHERE doc_num = ?', [doc.num]],
    ['DELETE FROM documents WHERE num = ?', [doc.num]],
  ];
}

export { DOC_COLUMNS, findDoc };
