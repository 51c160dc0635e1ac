/**
 * Decides whether a device's audit batch may be accepted (ARCHITECTURE.md §3, §6), with no database:
 * the caller passes the device's head and the stored hashes the batch overlaps, and gets either the
 * entries that are new or the exact refusal the wire contract names. Keeping this pure is what lets
 * every refusal be unit-tested and keeps the ingest transaction short.
 */
import type { KeyObject } from 'node:crypto';
import type { Checkpoint } from '../../../common/audit/checkpoint.schema';
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import {
  MAX_CLOCK_SKEW_MS,
  type AuditBatchRequest,
  type AuditRefusalCode,
} from '../../../common/sync/server-api';
import { checkEntryHash } from '../../../main/core/audit/chain-check';
import { verifySignedObject } from '../../../main/core/audit/audit-signature';

/** Where the server's copy of a device's chain ends (seq 0 and 64 zeros when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface BatchVerifyInput {
  /** The authenticated device (from its certificate), never from the body. */
  device: string;
  devicePublicKey: KeyObject | string;
  head: ChainHead;
  /**
   * Stored hashes for seq `entries[0].seq - 1` … `min(last, head.seq)`, i.e. the already-accepted
   * part the batch overlaps plus the entry it links to. Seq 0 needs no entry (64 zeros).
   */
  storedHashes: ReadonlyMap<number, string>;
  now: Date;
  batch: AuditBatchRequest;
}

/** Why a batch was refused, shaped like ServerErrorReply's `error`. */
export interface BatchRefusal {
  code: AuditRefusalCode;
  message: string;
  seq?: number;
  expectedSeq?: number;
}

export type BatchVerdict =
  | {
      ok: true;
      /** Entries after the head, to insert (empty for a replayed batch). */
      fresh: AuditEntry[];
      /** The checkpoints of the batch, all verified. */
      checkpoints: Checkpoint[];
      newHead: ChainHead;
    }
  | { ok: false; refusal: BatchRefusal };

const refuse = (refusal: BatchRefusal): BatchVerdict => ({ ok: false, refusal });

/** Checks a batch in the order that names the most useful problem first. */
export function verifyAuditBatch(input: BatchVerifyInput): BatchVerdict {
  const { device, head, batch, storedHashes } = input;
  const entries = batch.entries;
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last)
    return refuse({ code: 'AUDIT_GAP', message: 'the batch is empty', expectedSeq: head.seq + 1 });
  const latest = input.now.getTime() + MAX_CLOCK_SKEW_MS;

  // Identity and time first: those are refusals no resend can fix.
  for (const entry of entries) {
    if (entry.device !== device)
      return refuse({
        code: 'AUDIT_WRONG_DEVICE',
        seq: entry.seq,
        message: `entry ${entry.seq} names device ${entry.device}, but the batch comes from device ${device}`,
      });
    if (Date.parse(entry.ts) > latest)
      return refuse({
        code: 'AUDIT_FROM_FUTURE',
        seq: entry.seq,
        message: `entry ${entry.seq} is dated ${entry.ts}, more than ${MAX_CLOCK_SKEW_MS / 3_600_000} h after the server's clock (${input.now.toISOString()})`,
      });
  }
  for (const checkpoint of batch.checkpoints) {
    if (checkpoint.device !== device)
      return refuse({
        code: 'AUDIT_WRONG_DEVICE',
        seq: checkpoint.seq || undefined,
        message: `a checkpoint names device ${checkpoint.device}, but the batch comes from device ${device}`,
      });
    if (Date.parse(checkpoint.ts) > latest)
      return refuse({
        code: 'AUDIT_FROM_FUTURE',
        seq: checkpoint.seq || undefined,
        message: `the checkpoint at seq ${checkpoint.seq} is dated ${checkpoint.ts}, too far after the server's clock`,
      });
  }

  if (first.seq > head.seq + 1)
    return refuse({
      code: 'AUDIT_GAP',
      seq: first.seq,
      expectedSeq: head.seq + 1,
      message: `the batch starts at seq ${first.seq} but the server holds this device's entries up to ${head.seq}: resend from ${head.seq + 1}`,
    });

  const linkHash = first.seq === 1 ? ZERO_HASH : storedHashes.get(first.seq - 1);
  if (linkHash === undefined)
    throw new Error(`storedHashes lacks seq ${first.seq - 1}, which the batch links to`);
  let cursor: ChainHead = { seq: first.seq - 1, hash: linkHash };
  const fresh: AuditEntry[] = [];
  for (const entry of entries) {
    if (entry.seq !== cursor.seq + 1)
      return refuse({
        code: 'AUDIT_GAP',
        seq: entry.seq,
        expectedSeq: cursor.seq + 1,
        message: `entry ${entry.seq} follows entry ${cursor.seq}: the batch is not contiguous`,
      });
    const hashProblem = checkEntryHash(entry as unknown as Record<string, unknown>);
    if (hashProblem)
      return refuse({
        code: 'AUDIT_HASH_MISMATCH',
        seq: entry.seq,
        message: `entry ${entry.seq}: ${hashProblem}`,
      });
    if (entry.prev !== cursor.hash)
      return refuse({
        code: 'AUDIT_CHAIN_BROKEN',
        seq: entry.seq,
        message: `entry ${entry.seq}: its prev does not match the hash of entry ${cursor.seq}`,
      });
    if (entry.seq <= head.seq) {
      // Already accepted: a replay must be byte-for-byte the same history, not a rewritten one.
      const stored = storedHashes.get(entry.seq);
      if (stored === undefined) throw new Error(`storedHashes lacks accepted seq ${entry.seq}`);
      if (stored !== entry.hash)
        return refuse({
          code: 'AUDIT_CHAIN_BROKEN',
          seq: entry.seq,
          message: `entry ${entry.seq} differs from the one the server accepted earlier: the device's history was rewritten`,
        });
    } else {
      fresh.push(entry);
    }
    cursor = { seq: entry.seq, hash: entry.hash };
  }

  const hashAt = (seq: number): string | undefined =>
    seq >= first.seq && seq <= last.seq ? entries[seq - first.seq]?.hash : storedHashes.get(seq);
  let covered = false;
  let previousSeq = -1;
  for (const checkpoint of batch.checkpoints) {
    const seq = checkpoint.seq || undefined;
    if (!verifySignedObject(checkpoint, input.devicePublicKey))
      return refuse({
        code: 'AUDIT_BAD_CHECKPOINT',
        seq,
        message: `the checkpoint at seq ${checkpoint.seq} does not verify with the device's audit key`,
      });
    if (checkpoint.seq < previousSeq)
      return refuse({
        code: 'AUDIT_BAD_CHECKPOINT',
        seq,
        message: `checkpoints go back from seq ${previousSeq} to ${checkpoint.seq}`,
      });
    previousSeq = checkpoint.seq;
    if (checkpoint.seq > last.seq)
      return refuse({
        code: 'AUDIT_BAD_CHECKPOINT',
        seq,
        message: `the checkpoint at seq ${checkpoint.seq} is beyond the batch's last entry ${last.seq}`,
      });
    const expected = checkpoint.seq === 0 ? ZERO_HASH : hashAt(checkpoint.seq);
    if (expected !== undefined && expected !== checkpoint.head)
      return refuse({
        code: 'AUDIT_BAD_CHECKPOINT',
        seq,
        message: `the checkpoint at seq ${checkpoint.seq} signs a head that is not the hash of entry ${checkpoint.seq}`,
      });
    if (checkpoint.seq === last.seq) covered = true;
  }
  if (!covered)
    return refuse({
      code: 'AUDIT_NO_CHECKPOINT',
      seq: last.seq,
      message: `no checkpoint in the batch covers its last entry (seq ${last.seq})`,
    });

  const newHead = last.seq > head.seq ? cursor : head;
  return { ok: true, fresh, checkpoints: batch.checkpoints, newHead };
}
