/**
 * Pushes this device's audit entries after the server's head, in batches the server can verify on
 * their own: each batch is contiguous, ≤ MAX_AUDIT_BATCH_ENTRIES, and ends on an entry a signed
 * checkpoint names (the server refuses a batch whose last entry no checkpoint covers). The only
 * state is the server's head, asked for every time, so a push cut off anywhere simply resumes —
 * a batch the server stored but never answered is resent and the server skips what it has.
 */
import type { Checkpoint } from '../../../common/audit/checkpoint.schema';
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import { MAX_AUDIT_BATCH_ENTRIES } from '../../../common/sync/server-api';
import type { AuditLog } from '../audit/audit-log';
import { checkpointDigest } from '../audit/audit-hash';
import { signCheckpoint, verifyReceipt } from '../audit/audit-signature';
import type { ServerClient } from './server-client';
import { failureReason, syncError } from './server-client';
import { AppError } from '../../../common/errors';

export interface PushResult {
  /** Entries the server accepted as new during this push. */
  accepted: number;
  batches: number;
  /** The server's head after the push. */
  serverSeq: number;
}

/** A gap answer can only move the cursor so often before something is wrong with the server. */
const MAX_GAP_RESENDS = 8;

async function entriesOf(log: AuditLog, from: number, to: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const batch of log.read(from, to)) out.push(...batch);
  return out;
}

async function hashAt(log: AuditLog, seq: number): Promise<string | undefined> {
  if (seq === 0) return ZERO_HASH;
  if (seq === log.anchor().seq) return log.anchor().hash;
  for await (const batch of log.read(seq, seq)) return batch[0]?.hash;
  return undefined;
}

/**
 * The checkpoint for a batch ending at `end`: an existing one if the log has it; a new chained one
 * when `end` lies after the last checkpoint; otherwise (an old backlog where checkpoints are more
 * than a batch apart) a detached one linked to the checkpoint before it — valid for the server's
 * batch check, but not part of the device's own checkpoint chain.
 */
async function checkpointFor(log: AuditLog, end: number): Promise<Checkpoint> {
  const stored = log.checkpoints();
  const existing = stored.find((item) => item.checkpoint.seq === end);
  if (existing) return existing.checkpoint;
  const last = stored.at(-1)?.checkpoint;
  if (!last || last.seq < end) {
    try {
      const [made] = await log.checkpointAt([end], 'sync');
      if (made) return made;
    } catch {
      // A timer checkpoint got there first: the detached one below serves this batch.
    }
  }
  const before = [...log.checkpoints()].reverse().find((item) => item.checkpoint.seq < end)?.checkpoint;
  return signCheckpoint(log.identity, {
    v: 1,
    device: log.deviceId,
    seq: end,
    head: (await hashAt(log, end)) as string,
    ts: new Date().toISOString(),
    prevCheckpoint: before ? checkpointDigest(before) : ZERO_HASH,
  });
}

/** Where the batch starting at `from` should end (≤ head): prefer an existing checkpoint near the limit. */
function batchEnd(log: AuditLog, from: number, head: number): number {
  const limit = Math.min(from + MAX_AUDIT_BATCH_ENTRIES - 1, head);
  const stored = log.checkpoints();
  const lastSeq = stored.at(-1)?.checkpoint.seq ?? 0;
  // Past every checkpoint we may sign a new chained one anywhere, so take the full batch.
  if (limit > lastSeq) return limit;
  let best: number | undefined;
  for (const { checkpoint } of stored) {
    if (checkpoint.seq >= from && checkpoint.seq <= limit) best = Math.max(best ?? 0, checkpoint.seq);
  }
  return best ?? limit;
}

/** The log's checkpoints inside [from, end] in non-decreasing seq order, ending with `last`. */
function batchCheckpoints(log: AuditLog, from: number, end: number, last: Checkpoint): Checkpoint[] {
  const inside: Checkpoint[] = [];
  for (const { checkpoint } of log.checkpoints()) {
    if (checkpoint.seq < from || checkpoint.seq >= end) continue;
    if (inside.length > 0 && checkpoint.seq < (inside.at(-1) as Checkpoint).seq) continue;
    inside.push(checkpoint);
  }
  return [...inside.slice(-63), last];
}

/**
 * Brings the server's copy of the chain up to the local head. Every receipt is verified with the
 * receipt key before it is stored (the log checks it again): retention prunes only what they cover.
 */
export async function pushAudit(
  log: AuditLog,
  client: ServerClient,
  receiptPublicKeyPem: string,
  onProgress?: (serverSeq: number) => void,
): Promise<PushResult> {
  await log.flush();
  const head = await client.auditHead();
  const local = log.head();
  if (head.seq > local.seq) {
    throw new AppError(
      'SYNC_INCOMPATIBLE',
      `The server holds ${head.seq} entries of this device but the device has only ${local.seq}: the log was restored from an old copy. Tell IT.`,
    );
  }
  if (head.seq >= log.anchor().seq && (await hashAt(log, head.seq)) !== head.hash) {
    throw new AppError(
      'SYNC_INCOMPATIBLE',
      `The server's copy of this device's log differs from the device's at entry ${head.seq}. Tell IT.`,
    );
  }
  if (head.receipt) await keepReceipt(log, head.receipt, receiptPublicKeyPem);

  let from = head.seq + 1;
  let serverSeq = head.seq;
  let accepted = 0;
  let batches = 0;
  let gaps = 0;
  onProgress?.(serverSeq);
  while (from <= local.seq) {
    if (from <= log.anchor().seq) {
      throw new AppError(
        'SYNC_INCOMPATIBLE',
        `The server asks for entry ${from}, which this device no longer keeps.`,
      );
    }
    const end = batchEnd(log, from, local.seq);
    const last = await checkpointFor(log, end);
    const entries = await entriesOf(log, from, end);
    let reply;
    try {
      reply = await client.postBatch({ entries, checkpoints: batchCheckpoints(log, from, end, last) });
    } catch (error) {
      const expected = error instanceof AppError ? error.details?.expectedSeq : undefined;
      if (
        failureReason(error) === 'refused' &&
        error instanceof AppError &&
        error.details?.serverCode === 'AUDIT_GAP' &&
        typeof expected === 'number' &&
        gaps < MAX_GAP_RESENDS
      ) {
        // The server's head moved (another attempt landed) or we misjudged it: resend from where it is.
        gaps += 1;
        from = expected;
        continue;
      }
      throw error;
    }
    if (reply.receipt.to < end) {
      throw syncError(
        'bad-reply',
        `The server accepted the batch ${from}…${end} but its receipt ends at ${reply.receipt.to}.`,
      );
    }
    await keepReceipt(log, reply.receipt, receiptPublicKeyPem);
    accepted += reply.accepted;
    batches += 1;
    serverSeq = reply.receipt.to;
    onProgress?.(serverSeq);
    from = reply.receipt.to + 1;
  }
  return { accepted, batches, serverSeq };
}

async function keepReceipt(log: AuditLog, receipt: unknown, receiptPublicKeyPem: string): Promise<void> {
  if (!verifyReceipt(receipt, receiptPublicKeyPem)) {
    throw syncError('bad-reply', "The server's receipt does not verify with the tenant's receipt key.");
  }
  await log.acceptReceipt(receipt, receiptPublicKeyPem);
}
