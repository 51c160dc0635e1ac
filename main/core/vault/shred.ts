import { DOC_COLUMNS, type DocRow, deleteDocumentOps, indexedText } from './document.repo';
import type { SqlOp } from './journal';
import { destroyKeys, subjectRef } from './key-hierarchy';
import { VaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

export interface ShredResult {
  documents: number;
  blobs: number;
}

/**
 * Crypto-shredding of one data subject (GDPR erasure):
 *
 * 1. One journaled commit removes the subject's documents, versions and index
 *    terms, records tombstones and a shred job.
 * 2. A forced compaction (with FTS4 'optimize' and secure_delete, so no deleted
 *    terms or rows linger in free pages) writes a new snapshot and deletes the old
 *    snapshot and journals, which held the titles and index text under the data
 *    key; it also deletes the subject's blob files.
 * 3. The subject's keys are destroyed: vault.keys is rewritten atomically without
 *    them. Keys never enter the database, journal or snapshots, so no compaction
 *    can resurrect them, and any surviving copy of the blobs (backups) stays
 *    unreadable.
 * 4. The shred job is cleared. An interrupted shred is finished at next unlock.
 */
export async function shredSubject(store: VaultStore, subjectId: string): Promise<ShredResult> {
  if (typeof subjectId !== 'string' || subjectId.length === 0)
    throw new VaultError('INVALID_ARGUMENT', 'subjectId is required.');
  const result = await store.exclusive(async () => {
    const docs = store.db.all<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE subject_id = ?`, [
      subjectId,
    ]);
    const blobs =
      store.db.get<{ n: number }>(
        'SELECT count(DISTINCT v.blob_id) AS n FROM versions v JOIN documents d ON d.num = v.doc_num WHERE d.subject_id = ?',
        [subjectId],
      )?.n ?? 0;
    const now = store.deps.clock.now();
    // Tombstones and jobs name the subject by pseudonym only: erasure should not leave its identifier behind.
    const ref = subjectRef(store.ring, subjectId);
    const ops: SqlOp[] = [
      ['INSERT OR IGNORE INTO shred_jobs (subject_ref, requested_at) VALUES (?, ?)', [ref, now]],
    ];
    for (const doc of docs) {
      ops.push(...deleteDocumentOps(doc, await indexedText(store, doc)), [
        'INSERT OR REPLACE INTO shredded (doc_id, subject_ref, shredded_at) VALUES (?, ?, ?)',
        [doc.id, ref, now],
      ]);
    }
    await store.commit(ops);
    return { ref, result: { documents: docs.length, blobs } };
  });
  await finishShred(store, result.ref);
  return result.result;
}

/** Steps 2–4 for a subject pseudonym; idempotent, so it also completes a shred interrupted by a crash. */
export async function finishShred(store: VaultStore, ref: string): Promise<void> {
  await store.compact({ optimizeFts: true });
  await store.exclusive(async () => {
    if (destroyKeys(store.ring, (k) => k.subjectRef === ref) > 0) await store.persistKeys();
    await store.commit([['DELETE FROM shred_jobs WHERE subject_ref = ?', [ref]]]);
  });
}

/** Subjects whose shred was started but not finished (e.g. the app crashed). */
export function pendingShreds(store: VaultStore): Promise<string[]> {
  return store.exclusive(() =>
    store.db.all<{ subject_ref: string }>('SELECT subject_ref FROM shred_jobs').map((r) => r.subject_ref),
  );
}
