/**
 * The durable AuditStore: encrypted append-only segment files in one directory.
 *
 *   seg-000001.log …   entries; segment n holds seqs (n-1)·S+1 … n·S (S fixed at creation)
 *   checkpoints.log    the device's signed checkpoints (+ why each was made)
 *   receipts.log       the server's receipts accepted so far
 *   anchor.sealed      the last pruned entry (seq, hash), so the chain stays verifiable after pruning
 *   store.meta         format version and S
 *
 * Every record is sealed by the injected Sealer with associated data binding file name, record
 * index, first seq and count (record-file.ts). A record holds one append batch (up to 256
 * entries), which is how group commit keeps both the fsync count and the decrypt count low.
 * Appends are fsynced before they resolve; a torn last record is cut off at the next open.
 */
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import { Checkpoint, CheckpointReason, Receipt } from '../../../common/audit/checkpoint.schema';
import { entryLine } from '../../../common/audit/jcs';
import { AppError } from '../../../common/errors';
import { fsyncDirectory } from '../fs/atomic-write';
import type { AuditStore, ChainPoint, StoredCheckpoint, StoredReceipt } from './audit-store';
import {
  corruptFile,
  encodeRecord,
  FILE_HEADER_BYTES,
  fileHeader,
  recordAad,
  type RecordRef,
} from './record-file';
import { loadSealedJson, writeSealedJson } from './sealed-json-file';
import {
  indexSegment,
  openRecord,
  readSegment,
  segmentName,
  type Segment,
  type SegmentContext,
} from './segment-file';
import { openSealedLogFile } from './sealed-log-file';
import type { Sealer } from './sealer';
import { acquireStoreLock, type StoreLock } from './store-lock';

/** Where the store lives and how it seals. */
export interface SegmentStoreOptions {
  /** The audit directory (e.g. `<vault>/audit`). */
  dir: string;
  sealer: Sealer;
  /** Entries per segment file; only used when the store is created. Pruning works in whole segments. */
  segmentEntries?: number;
  /** Readers never take the writer lock, truncate or create anything. */
  readOnly?: boolean;
}

const META_FILE = 'store.meta';
const ANCHOR_FILE = 'anchor.sealed';
const MAX_RECORD_ENTRIES = 256;
const MAX_RECORD_PLAIN = 1024 * 1024;
const SEGMENT_NAME = /^seg-(\d{6,})\.log$/;

const Meta = z.strictObject({
  v: z.literal(1),
  segmentEntries: z
    .number()
    .int()
    .min(1)
    .max(1 << 24),
});
const Anchor = z.strictObject({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const StoredCheckpointSchema = z.strictObject({ checkpoint: Checkpoint, reason: CheckpointReason });
const StoredReceiptSchema = z.strictObject({ receipt: Receipt, serverPublicKeyPem: z.string() });

export { segmentName } from './segment-file';

/** Opens (creating if needed) the store in `options.dir`; writers take the writer lock. */
export async function openSegmentAuditStore(options: SegmentStoreOptions): Promise<AuditStore> {
  const { dir, sealer } = options;
  const readOnly = options.readOnly ?? false;
  let lock: StoreLock | undefined;
  if (!readOnly) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    lock = await acquireStoreLock(dir);
  }
  try {
    return await openLocked();
  } catch (error) {
    await lock?.release();
    throw error;
  }

  async function openLocked(): Promise<AuditStore> {
    const meta = await loadMeta();
    const S = meta.segmentEntries;
    let anchor = (await loadSealedJson(dir, sealer, ANCHOR_FILE, Anchor)) ?? { seq: 0, hash: ZERO_HASH };
    const segOf = (seq: number): number => Math.floor((seq - 1) / S) + 1;
    const ctx: SegmentContext = { dir, sealer, segmentEntries: S, readOnly };

    const segments = new Map<number, Segment>();
    for (const file of await readdir(dir)) {
      const match = SEGMENT_NAME.exec(file);
      if (!match) continue;
      const n = Number(match[1]);
      const base = (n - 1) * S + 1;
      if (base + S - 1 <= anchor.seq) {
        // Left behind by a prune that stopped after writing the anchor: finish it.
        if (!readOnly) await rm(join(dir, file), { force: true });
        continue;
      }
      segments.set(n, { n, name: file, base, size: (await stat(join(dir, file))).size, records: undefined });
    }
    let lastN = Math.max(0, ...segments.keys());
    let active: FileHandle | undefined;
    let head: ChainPoint = { ...anchor };

    // Find the head: the last record of the last non-empty segment. Empty segments at the end
    // (a crash right after creating one) are removed by writers and skipped by readers.
    for (let n = lastN; n > 0 && segments.has(n); n -= 1) {
      const seg = segments.get(n) as Segment;
      const handle = await open(join(dir, seg.name), readOnly ? 'r' : 'r+');
      const records = await indexSegment(ctx, seg, handle, n === lastN);
      const last = records.at(-1);
      if (last) {
        const entries = await openRecord(ctx, seg, records.length - 1, last, handle);
        const entry = entries.at(-1) as AuditEntry;
        head = { seq: entry.seq, hash: entry.hash };
        if (readOnly) await handle.close();
        else active = handle;
        lastN = n;
        break;
      }
      await handle.close();
      if (!readOnly) {
        await rm(join(dir, seg.name), { force: true });
        segments.delete(n);
        lastN = n - 1;
      }
    }

    const checkpoints = await openSealedLogFile<StoredCheckpoint>({
      dir,
      fileName: 'checkpoints.log',
      sealer,
      parse: (value) => StoredCheckpointSchema.parse(value),
      readOnly,
    });
    const receipts = await openSealedLogFile<StoredReceipt>({
      dir,
      fileName: 'receipts.log',
      sealer,
      parse: (value) => StoredReceiptSchema.parse(value),
      readOnly,
    });

    async function writeSegmentBatch(entries: readonly AuditEntry[]): Promise<void> {
      interface Pending {
        seg: Segment;
        handle: FileHandle;
        created: boolean;
        startSize: number;
        chunks: Buffer[];
        refs: RecordRef[];
      }
      const pending = new Map<number, Pending>();
      let plannedLast = lastN;
      try {
        let i = 0;
        while (i < entries.length) {
          const first = entries[i] as AuditEntry;
          const n = segOf(first.seq);
          let p = pending.get(n);
          if (!p) {
            let seg = segments.get(n);
            let handle = seg && n === lastN ? active : undefined;
            let created = false;
            if (!seg) {
              if (n !== plannedLast + 1 && !(plannedLast === 0 && n === segOf(anchor.seq + 1))) {
                throw new AppError('INTERNAL', `Audit append to segment ${n} skips a segment.`);
              }
              seg = { n, name: segmentName(n), base: (n - 1) * S + 1, size: FILE_HEADER_BYTES, records: [] };
              handle = await open(join(dir, seg.name), 'wx+', 0o600);
              created = true;
              plannedLast = n;
            }
            if (!handle) throw new AppError('INTERNAL', `Audit append to closed segment ${n}.`);
            p = {
              seg,
              handle,
              created,
              startSize: created ? 0 : seg.size,
              chunks: created ? [fileHeader(seg.base)] : [],
              refs: [],
            };
            pending.set(n, p);
          }
          // One record: up to MAX_RECORD_ENTRIES entries of this segment, within the byte budget.
          const lines: string[] = [];
          let bytes = 0;
          const segEnd = p.seg.base + S - 1;
          while (i < entries.length && lines.length < MAX_RECORD_ENTRIES) {
            const entry = entries[i] as AuditEntry;
            if (entry.seq > segEnd) break;
            const line = entryLine(entry);
            if (lines.length > 0 && bytes + line.length > MAX_RECORD_PLAIN) break;
            lines.push(line);
            bytes += line.length + 1;
            i += 1;
          }
          const index = (p.seg.records?.length ?? 0) + p.refs.length;
          const sealed = sealer.seal(
            recordAad(p.seg.name, index, first.seq, lines.length),
            Buffer.from(lines.join('\n'), 'utf8'),
          );
          const record = encodeRecord(first.seq, lines.length, sealed);
          const offset = p.startSize + p.chunks.reduce((sum, c) => sum + c.length, 0);
          p.refs.push({ offset, bodyLength: sealed.length, firstSeq: first.seq, count: lines.length });
          p.chunks.push(record);
        }
        for (const p of pending.values()) {
          const data = Buffer.concat(p.chunks);
          await p.handle.write(data, 0, data.length, p.startSize);
          await p.handle.datasync();
          if (p.created) await fsyncDirectory(dir);
        }
      } catch (error) {
        // All or nothing: cut every touched file back and forget new ones.
        for (const p of pending.values()) {
          if (p.created) {
            await p.handle.close().catch(() => undefined);
            await rm(join(dir, p.seg.name), { force: true }).catch(() => undefined);
          } else {
            await p.handle.truncate(p.startSize).catch(() => undefined);
          }
        }
        throw toStoreError(error);
      }
      // Commit the in-memory view only after every byte is durable.
      for (const p of [...pending.values()].sort((a, b) => a.seg.n - b.seg.n)) {
        p.seg.records = [...(p.seg.records ?? []), ...p.refs];
        p.seg.size = p.startSize + p.chunks.reduce((sum, c) => sum + c.length, 0);
        if (p.created) {
          segments.set(p.seg.n, p.seg);
          if (active && p.handle !== active) await active.close();
          active = p.handle;
          lastN = p.seg.n;
        }
      }
    }

    return {
      kind: 'vault',
      anchor: () => ({ ...anchor }),
      head: () => ({ ...head }),
      async append(entries) {
        if (readOnly) throw new AppError('INTERNAL', 'The audit store is open read-only.');
        if (entries.length === 0) return;
        if ((entries[0] as AuditEntry).seq !== head.seq + 1) {
          throw new AppError('INTERNAL', `Audit append out of order: expected seq ${head.seq + 1}.`);
        }
        await writeSegmentBatch(entries);
        const last = entries.at(-1) as AuditEntry;
        head = { seq: last.seq, hash: last.hash };
      },
      async *read(fromSeq, toSeq) {
        const from = Math.max(fromSeq, anchor.seq + 1);
        const to = Math.min(toSeq, head.seq);
        for (let n = from <= to ? segOf(from) : 1; from <= to && n <= segOf(to); n += 1) {
          const seg = segments.get(n);
          if (!seg) throw corruptFile(segmentName(n), 'the segment file is missing');
          yield* readSegment(ctx, seg, Math.max(from, seg.base), Math.min(to, seg.base + S - 1), n === lastN);
        }
      },
      appendCheckpoints: (stored) => checkpoints.append(...stored),
      checkpoints: () => checkpoints.items,
      appendReceipt: (stored) => receipts.append(stored),
      receipts: () => receipts.items,
      async prune(uptoSeq) {
        if (readOnly) throw new AppError('INTERNAL', 'The audit store is open read-only.');
        const prunable = [...segments.values()]
          .filter((seg) => seg.n < lastN && seg.base + S - 1 <= uptoSeq)
          .sort((a, b) => a.n - b.n);
        const lastPruned = prunable.at(-1);
        if (!lastPruned) return { ...anchor };
        const seq = lastPruned.base + S - 1;
        let hash: string | undefined;
        for await (const batch of readSegment(ctx, lastPruned, seq, seq, false)) hash = batch.at(-1)?.hash;
        if (hash === undefined) throw corruptFile(lastPruned.name, `entry ${seq} is missing`);
        // The anchor is durable before any segment goes, so a crash in between only leaves files
        // that the next open deletes.
        await writeSealedJson(dir, sealer, ANCHOR_FILE, { seq, hash });
        anchor = { seq, hash };
        for (const seg of prunable) {
          await rm(join(dir, seg.name), { force: true });
          segments.delete(seg.n);
        }
        await fsyncDirectory(dir);
        return { ...anchor };
      },
      async close() {
        await active?.close();
        active = undefined;
        await checkpoints.close();
        await receipts.close();
        await lock?.release();
      },
    };
  }

  async function loadMeta(): Promise<z.infer<typeof Meta>> {
    const existing = await loadSealedJson(dir, sealer, META_FILE, Meta);
    if (existing) return existing;
    if (readOnly) throw new AppError('NOT_FOUND', `There is no audit log in ${dir}.`);
    const meta = { v: 1 as const, segmentEntries: options.segmentEntries ?? 65_536 };
    await writeSealedJson(dir, sealer, META_FILE, meta);
    return meta;
  }
}

function toStoreError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      'DISK_FULL',
      'The disk is full: the audit entry could not be saved. Free some space.',
    );
  }
  return error;
}
