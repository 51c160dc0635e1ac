/** An AuditStore in memory, for tests and for a log that must not touch the disk. */
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import { AppError } from '../../../common/errors';
import type { AuditStore, ChainPoint, StoredCheckpoint, StoredReceipt } from './audit-store';

const READ_BATCH = 1024;

/** Test seams: the store's raw arrays, so tamper tests can alter "stored" data directly. */
export interface MemoryAuditStore extends AuditStore {
  readonly raw: { entries: AuditEntry[]; checkpoints: StoredCheckpoint[] };
}

/** A fresh, empty in-memory store. */
export function createMemoryAuditStore(): MemoryAuditStore {
  // entries[i] has seq anchor.seq + 1 + i.
  const entries: AuditEntry[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  const receipts: StoredReceipt[] = [];
  let anchor: ChainPoint = { seq: 0, hash: ZERO_HASH };

  return {
    kind: 'memory',
    raw: { entries, checkpoints },
    anchor: () => ({ ...anchor }),
    head() {
      const last = entries.at(-1);
      return last ? { seq: last.seq, hash: last.hash } : { ...anchor };
    },
    async append(batch) {
      const expected = (entries.at(-1)?.seq ?? anchor.seq) + 1;
      if (batch.length > 0 && batch[0]?.seq !== expected) {
        throw new AppError('INTERNAL', `Audit append out of order: expected seq ${expected}.`);
      }
      // Structured clones, so a caller mutating its object cannot alter the "stored" entry.
      for (const entry of batch) entries.push(structuredClone(entry));
    },
    async *read(fromSeq, toSeq) {
      const base = anchor.seq + 1;
      let index = Math.max(0, fromSeq - base);
      const end = Math.min(entries.length - 1, toSeq - base);
      while (index <= end) {
        const stop = Math.min(end + 1, index + READ_BATCH);
        yield entries.slice(index, stop).map((entry) => structuredClone(entry));
        index = stop;
      }
    },
    async appendCheckpoints(stored) {
      for (const item of stored) checkpoints.push(structuredClone(item));
    },
    checkpoints: () => checkpoints,
    async appendReceipt(stored) {
      receipts.push(structuredClone(stored));
    },
    receipts: () => receipts,
    async prune(uptoSeq) {
      const count = Math.min(entries.length, Math.max(0, uptoSeq - anchor.seq));
      if (count === 0) return { ...anchor };
      const last = entries[count - 1] as AuditEntry;
      anchor = { seq: last.seq, hash: last.hash };
      entries.splice(0, count);
      return { ...anchor };
    },
    async close() {},
  };
}
