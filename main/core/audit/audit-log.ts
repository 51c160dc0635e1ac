/**
 * The hash-chained, append-only audit log (§3). It is the router's AuditSink, so every audited or
 * denied call lands here; services that need to record acts outside the router (unlock, sync) use
 * `append`. Nothing in this API edits or deletes an entry: the only removal is `prune`, which
 * takes nothing a verified server receipt does not cover.
 *
 * Appends use group commit: entries get their seq, prev and hash immediately (in call order), and
 * every append waiting while an fsync is in flight is written by the next single write + fsync.
 */
import { z } from 'zod';
import type { AuditEvent } from '../../../common/contract';
import type { Checkpoint, CheckpointReason } from '../../../common/audit/checkpoint.schema';
import {
  AuditOutcome,
  AuditResource,
  isIntegerJson,
  ZERO_HASH,
  type AuditEntry,
} from '../../../common/audit/entry.schema';
import { AppError } from '../../../common/errors';
import type { Clock } from '../clock';
import type { AuditRecord, AuditSink } from '../router/audit-sink';
import { checkpointDigest, entryHash } from './audit-hash';
import { pruneCovered, type PruneOptions, type PruneResult } from './audit-prune';
import { runQuery, type AuditPage, type AuditQuery } from './audit-query';
import { signCheckpoint, verifyReceipt } from './audit-signature';
import type { AuditStore, ChainPoint, StoredCheckpoint, StoredReceipt } from './audit-store';
import { verifyStoredChain, type ChainReport } from './chain-verify';
import type { DeviceIdentity } from './device-identity';
import { sealPersonalData, type SubjectSealer } from './subject-sealer';

/** What a caller states about an act; the log adds seq, ts, tenant, device, policy version and links. */
export const AuditInput = z.strictObject({
  actor: z.string().min(1).max(320),
  action: z.string().min(1).max(128),
  resource: AuditResource.optional(),
  outcome: AuditOutcome,
  details: z.record(z.string().max(128), z.json()).optional(),
  /** Personal data of one data subject; sealed into `details.sealed` under that subject's key. */
  personal: z
    .strictObject({ subject: z.string().min(1).max(200), data: z.record(z.string(), z.json()) })
    .optional(),
});
export type AuditInput = z.input<typeof AuditInput>;

/** Details above this size (JSON characters) are refused: the log records acts, not documents. */
export const MAX_DETAILS_BYTES = 64 * 1024;

/** Dependencies of the log, injected (no container). */
export interface AuditLogOptions {
  store: AuditStore;
  identity: DeviceIdentity;
  clock: Clock;
  tenant: string;
  /** Must equal identity.deviceId when given (the entries' `device`). */
  device?: string;
  /** A checkpoint every N entries (default 1000). */
  checkpointEvery?: number;
  /** The policy bundle version in force; 0 until a policy exists. */
  policyVersion?: () => number;
  /** Seals `personal` data; without it such input is refused rather than stored in the clear. */
  subjectSealer?: SubjectSealer;
  /** Failures of background work (timer checkpoints), which have no caller to throw to. */
  onBackgroundError?: (error: unknown) => void;
}

/** The audit log: the router's AuditSink plus what the Audit view, sync, export and retention need. */
export interface AuditLog extends AuditSink {
  readonly deviceId: string;
  readonly tenant: string;
  readonly identity: DeviceIdentity;
  /** Appends one entry; resolves once it is durable. */
  append(input: AuditInput): Promise<AuditEntry>;
  /** Appends many entries with one write (bulk import, benchmarks); resolves once all are durable. */
  appendMany(inputs: readonly AuditInput[]): Promise<ChainPoint>;
  /** The last `n` durable entries, in seq order. */
  tail(n: number): Promise<AuditEntry[]>;
  query(query: AuditQuery): Promise<AuditPage>;
  /** Durable entries fromSeq…toSeq in batches (export, SIEM). */
  read(fromSeq: number, toSeq: number): AsyncIterable<AuditEntry[]>;
  /** Signs the durable head now. */
  checkpoint(reason: CheckpointReason): Promise<Checkpoint>;
  /**
   * Signs checkpoints at durable entries `seqs` (ascending, after the last checkpoint), chained like
   * any other: sync ends each batch at one, as the server requires a checkpoint on a batch's last entry.
   */
  checkpointAt(seqs: readonly number[], reason: CheckpointReason): Promise<Checkpoint[]>;
  checkpoints(): readonly StoredCheckpoint[];
  verifyChain(onProgress?: (done: number, total: number) => void): Promise<ChainReport>;
  /** The durable head (seq 0 / zeros when empty). */
  head(): ChainPoint;
  anchor(): ChainPoint;
  /** Keeps a server receipt after checking its signature and that it names our entry. */
  acceptReceipt(receipt: unknown, serverPublicKeyPem: string): Promise<void>;
  receipts(): readonly StoredReceipt[];
  prune(options: PruneOptions): Promise<PruneResult>;
  /** Checkpoints every `intervalMs` while entries were added since the last one. */
  startCheckpointTimer(intervalMs: number): void;
  stopCheckpointTimer(): void;
  /** Waits until every append so far is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  entries: AuditEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Opens the log over a store whose head it continues (async: it reads the store's state). */
export async function createAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  const { store, identity, clock, tenant } = options;
  const deviceId = identity.deviceId;
  if (options.device !== undefined && options.device !== deviceId) {
    throw new AppError('INVALID_ARGUMENT', 'The audit device id must be the device identity.');
  }
  const every = options.checkpointEvery ?? 1000;
  const policyVersion = options.policyVersion ?? (() => 0);
  const onBackgroundError = options.onBackgroundError ?? ((error) => console.error('[audit]', error));

  /** Assigned head (may be ahead of the durable one while a write is in flight). */
  let assigned = store.head();
  let queue: Pending[] = [];
  let draining: Promise<void> | undefined;
  let lastCheckpoint = store.checkpoints().at(-1)?.checkpoint;
  let checkpointChain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  function build(raw: AuditInput): AuditEntry {
    const parsed = AuditInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('INVALID_ARGUMENT', `Audit entry rejected: ${issue?.message ?? 'invalid'}`, {
        field: issue?.path.join('.'),
      });
    }
    const input = parsed.data;
    const details: Record<string, unknown> = { ...(input.details ?? {}) };
    if ('sealed' in details) throw new AppError('INVALID_ARGUMENT', 'details.sealed is set by the log only.');
    if (input.personal) {
      if (!options.subjectSealer) {
        throw new AppError(
          'INVALID_ARGUMENT',
          'Personal data needs a subject sealer; it is never logged in the clear.',
        );
      }
      details.sealed = sealPersonalData(options.subjectSealer, input.personal.subject, input.personal.data);
    }
    if (!isIntegerJson(details))
      throw new AppError('INVALID_ARGUMENT', 'Audit details may hold only integer numbers.');
    // JSON.stringify's length equals the JCS length (same escaping, no whitespace) and is cheaper.
    if (JSON.stringify(details).length > MAX_DETAILS_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', 'Audit details are too large.');
    const unhashed = {
      v: 1 as const,
      seq: assigned.seq + 1,
      ts: clock.now().toISOString(),
      tenant,
      device: deviceId,
      actor: input.actor,
      action: input.action,
      resource: input.resource ?? { type: 'app', id: '' },
      outcome: input.outcome,
      policyVersion: policyVersion(),
      details: details as AuditEntry['details'],
      prev: assigned.hash,
    };
    const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
    assigned = { seq: entry.seq, hash: entry.hash };
    return entry;
  }

  function enqueue(entries: AuditEntry[]): Promise<void> {
    return new Promise((resolve, reject) => {
      queue.push({ entries, resolve, reject });
      // drain() always awaits before finishing, so this assignment precedes its own reset.
      draining ??= drain();
    });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        const entries = batch.length === 1 ? (batch[0] as Pending).entries : batch.flatMap((p) => p.entries);
        const before = store.head();
        try {
          await store.append(entries);
        } catch (error) {
          // Everything queued since was chained onto the failed entries: refuse it all and rewind.
          const later = queue;
          queue = [];
          assigned = store.head();
          for (const pending of [...batch, ...later]) pending.reject(error);
          continue;
        }
        await intervalCheckpoints(before.seq, entries);
        for (const pending of batch) pending.resolve();
      }
    } finally {
      // Reset synchronously after the last empty-queue check, so no append can slip in between.
      draining = undefined;
    }
  }

  /** The every-N checkpoints for multiples of N this write crossed, stored with one fsync. */
  async function intervalCheckpoints(beforeSeq: number, entries: AuditEntry[]): Promise<void> {
    const firstSeq = (entries[0] as AuditEntry).seq;
    const points: ChainPoint[] = [];
    for (let seq = (Math.floor(beforeSeq / every) + 1) * every; seq <= store.head().seq; seq += every) {
      points.push({ seq, hash: (entries[seq - firstSeq] as AuditEntry).hash });
    }
    if (points.length === 0) return;
    try {
      await signAndStore(points, 'interval');
    } catch (error) {
      // The entries are durable; a missed checkpoint is made up at the next boundary or timer.
      onBackgroundError(error);
    }
  }

  /** Signs checkpoints for `points` in order, chained to the last one, and stores them together. */
  function signAndStore(
    points: readonly ChainPoint[],
    reason: CheckpointReason,
    mustFollow = false,
  ): Promise<Checkpoint> {
    const run = checkpointChain.then(async () => {
      let previous = lastCheckpoint;
      // Checked inside the chain: a timer checkpoint queued meanwhile must not end up after ours.
      if (mustFollow && previous && (points[0]?.seq ?? 0) <= previous.seq) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `A checkpoint at seq ${points[0]?.seq} would go back in the chain.`,
        );
      }
      const made: StoredCheckpoint[] = points.map((point) => {
        const checkpoint = signCheckpoint(identity, {
          v: 1,
          device: deviceId,
          seq: point.seq,
          head: point.hash,
          ts: clock.now().toISOString(),
          prevCheckpoint: previous ? checkpointDigest(previous) : ZERO_HASH,
        });
        previous = checkpoint;
        return { checkpoint, reason };
      });
      await store.appendCheckpoints(made);
      lastCheckpoint = previous;
      return previous as Checkpoint;
    });
    checkpointChain = run.catch(() => undefined);
    return run;
  }

  async function flush(): Promise<void> {
    while (draining) await draining;
  }

  const log: AuditLog = {
    store: store.kind,
    deviceId,
    tenant,
    identity,

    async record(record: AuditRecord) {
      await log.append({
        actor: record.actor,
        action: record.action,
        resource: { type: 'channel', id: record.action },
        outcome: record.outcome,
        details: { reason: record.reason, policyId: record.policyId, ...(record.details ?? {}) },
      });
    },

    async recent(limit): Promise<AuditEvent[]> {
      const entries = await log.tail(limit);
      return entries.reverse().map((entry) => ({
        seq: entry.seq,
        ts: entry.ts,
        actor: entry.actor,
        action: entry.action,
        outcome: entry.outcome === 'success' ? 'allow' : entry.outcome,
        reason: typeof entry.details.reason === 'string' ? entry.details.reason : entry.outcome,
      }));
    },

    async append(input) {
      const entry = build(input);
      await enqueue([entry]);
      return entry;
    },

    async appendMany(inputs) {
      if (inputs.length === 0) return store.head();
      const start = assigned;
      let entries: AuditEntry[];
      try {
        entries = inputs.map(build);
      } catch (error) {
        assigned = start;
        throw error;
      }
      await enqueue(entries);
      const last = entries.at(-1) as AuditEntry;
      return { seq: last.seq, hash: last.hash };
    },

    async tail(n) {
      const head = store.head();
      const from = Math.max(store.anchor().seq + 1, head.seq - Math.max(0, Math.trunc(n)) + 1);
      const out: AuditEntry[] = [];
      for await (const batch of store.read(from, head.seq)) out.push(...batch);
      return out;
    },

    query: (query) => runQuery(store, query),
    read: (fromSeq, toSeq) => store.read(fromSeq, toSeq),

    async checkpoint(reason) {
      await flush();
      return signAndStore([store.head()], reason);
    },
    async checkpointAt(seqs, reason) {
      await flush();
      const points: ChainPoint[] = [];
      let after = Math.max(lastCheckpoint?.seq ?? 0, store.anchor().seq);
      for (const seq of seqs) {
        if (!Number.isSafeInteger(seq) || seq <= after || seq > store.head().seq) {
          throw new AppError('INVALID_ARGUMENT', `A checkpoint cannot be made at seq ${seq} now.`);
        }
        for await (const batch of store.read(seq, seq)) {
          const entry = batch[0];
          if (entry) points.push({ seq, hash: entry.hash });
        }
        after = seq;
      }
      if (points.length === 0) return [];
      const last = await signAndStore(points, reason, true);
      // The ones just made: a timer checkpoint may already sit after them in the store.
      const upTo = store.checkpoints().findIndex((stored) => stored.checkpoint.sig === last.sig);
      return store
        .checkpoints()
        .slice(upTo + 1 - points.length, upTo + 1)
        .map((stored) => stored.checkpoint);
    },

    checkpoints: () => store.checkpoints(),

    async verifyChain(onProgress) {
      await flush();
      return verifyStoredChain(store, identity, onProgress);
    },

    head: () => store.head(),
    anchor: () => store.anchor(),

    async acceptReceipt(receipt, serverPublicKeyPem) {
      if (!verifyReceipt(receipt, serverPublicKeyPem)) {
        throw new AppError('INVALID_ARGUMENT', 'The receipt does not verify against the server key.');
      }
      const head = store.head();
      if (receipt.device !== deviceId || receipt.to > head.seq) {
        throw new AppError('INVALID_ARGUMENT', 'The receipt covers entries this device does not have.');
      }
      let hash: string | undefined = receipt.to === store.anchor().seq ? store.anchor().hash : undefined;
      for await (const batch of store.read(receipt.to, receipt.to)) hash = batch[0]?.hash;
      if (hash !== receipt.head) {
        throw new AppError('INVALID_ARGUMENT', `The receipt's head does not match entry ${receipt.to}.`);
      }
      if (store.receipts().some((stored) => stored.receipt.sig === receipt.sig)) return;
      await store.appendReceipt({ receipt, serverPublicKeyPem });
    },
    receipts: () => store.receipts(),

    async prune(pruneOptions) {
      await flush();
      return pruneCovered(store, deviceId, pruneOptions);
    },

    startCheckpointTimer(intervalMs) {
      log.stopCheckpointTimer();
      timer = setInterval(() => {
        if (store.head().seq === (lastCheckpoint?.seq ?? 0) || draining) return;
        log.checkpoint('timer').catch(onBackgroundError);
      }, intervalMs);
      // A checkpoint timer must never keep a CLI process alive on its own.
      timer.unref();
    },

    stopCheckpointTimer() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },

    flush,

    async close() {
      log.stopCheckpointTimer();
      await flush();
      await checkpointChain;
      await store.close();
    },
  };
  return log;
}
