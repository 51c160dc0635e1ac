import { type JsonValue, toJsonText } from './settings.repo';
import { VaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

export interface SyncQueueItem {
  id: number;
  kind: string;
  payload: JsonValue;
  createdAt: number;
}

/**
 * Outbox for the sync client (audit batches and the like): durable FIFO. Items
 * stay until acknowledged, so nothing is dropped before the server's receipt.
 */
export interface SyncQueueRepo {
  enqueue(kind: string, payload: JsonValue): Promise<number>;
  /** The oldest `n` items, without removing them. */
  peek(n: number): Promise<SyncQueueItem[]>;
  /** Removes delivered items; unknown ids are ignored (acks are idempotent). */
  ack(ids: number[]): Promise<void>;
}

export function createSyncQueueRepo(store: () => VaultStore): SyncQueueRepo {
  return {
    async enqueue(kind, payload) {
      if (typeof kind !== 'string' || kind.length === 0 || kind.length > 100) {
        throw new VaultError('INVALID_ARGUMENT', 'A sync item kind must be a string of 1–100 characters.');
      }
      const text = toJsonText(payload, 'The sync payload');
      const s = store();
      return s.exclusive(async () => {
        await s.commit([
          [
            'INSERT INTO sync_queue (kind, payload, created_at) VALUES (?, ?, ?)',
            [kind, text, s.deps.clock.now()],
          ],
        ]);
        return s.db.get<{ id: number }>('SELECT max(id) AS id FROM sync_queue')?.id ?? 0;
      });
    },
    async peek(n) {
      const limit = Math.min(Math.max(Math.trunc(n), 0), 10_000);
      const s = store();
      return s.exclusive(() =>
        s.db
          .all<{ id: number; kind: string; payload: string; created_at: number }>(
            'SELECT id, kind, payload, created_at FROM sync_queue ORDER BY id LIMIT ?',
            [limit],
          )
          .map((r) => ({
            id: r.id,
            kind: r.kind,
            payload: JSON.parse(r.payload) as JsonValue,
            createdAt: r.created_at,
          })),
      );
    },
    async ack(ids) {
      if (!Array.isArray(ids) || !ids.every((i) => Number.isSafeInteger(i))) {
        throw new VaultError('INVALID_ARGUMENT', 'ack expects a list of integer ids.');
      }
      if (ids.length === 0) return;
      const s = store();
      await s.exclusive(() =>
        s.commit([
          ['DELETE FROM sync_queue WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]],
        ]),
      );
    },
  };
}
