/**
 * Verifies the whole local log in one streaming pass: every link and hash from the anchor to the
 * head, every checkpoint's signature and chain, that no checkpoint vouches for entries the log no
 * longer has (truncation), and that anything pruned was covered by a server receipt.
 */
import { ZERO_HASH } from '../../../common/audit/entry.schema';
import { AppError } from '../../../common/errors';
import type { AuditStore, ChainPoint } from './audit-store';
import { verifyReceipt } from './audit-signature';
import { checkCheckpointSequence, checkEntryHash, checkLink } from './chain-check';

/** The verdict on the local log. */
export interface ChainReport {
  ok: boolean;
  /** Entries checked. */
  count: number;
  anchor: ChainPoint;
  head: ChainPoint;
  checkpoints: number;
  /** The first problem found, with the entry or checkpoint seq it concerns. */
  failure?: { seq?: number; message: string };
}

/** One streaming pass over the store; `onProgress` is called per read batch. */
export async function verifyStoredChain(
  store: AuditStore,
  device: { deviceId: string; publicKeyPem: string },
  onProgress?: (done: number, total: number) => void,
): Promise<ChainReport> {
  const anchor = store.anchor();
  const head = store.head();
  const checkpoints = store.checkpoints().map((stored) => stored.checkpoint);
  const report = (count: number, failure?: ChainReport['failure']): ChainReport => ({
    ok: failure === undefined,
    count,
    anchor,
    head,
    checkpoints: checkpoints.length,
    ...(failure ? { failure } : {}),
  });

  const bad = checkCheckpointSequence(checkpoints, device.publicKeyPem, ZERO_HASH);
  if (bad) {
    const checkpoint = checkpoints[bad.index];
    return report(0, {
      seq: checkpoint?.seq,
      message: `checkpoint ${bad.index + 1} (seq ${checkpoint?.seq}): ${bad.problem}`,
    });
  }
  const expected = new Map<number, string>();
  for (const checkpoint of checkpoints) {
    if (checkpoint.device !== device.deviceId) {
      return report(0, {
        seq: checkpoint.seq,
        message: `a checkpoint names another device (${checkpoint.device})`,
      });
    }
    if (checkpoint.seq > head.seq) {
      return report(0, {
        seq: checkpoint.seq,
        message: `the log ends at seq ${head.seq} but a checkpoint signed seq ${checkpoint.seq}: entries were removed from the end`,
      });
    }
    if (checkpoint.seq === anchor.seq && checkpoint.head !== anchor.hash) {
      return report(0, {
        seq: checkpoint.seq,
        message: 'the checkpoint at the prune anchor does not match it',
      });
    }
    if (checkpoint.seq > anchor.seq) expected.set(checkpoint.seq, checkpoint.head);
  }
  const receipts = store
    .receipts()
    .filter((stored) => verifyReceipt(stored.receipt, stored.serverPublicKeyPem));
  if (
    anchor.seq > 0 &&
    !receipts.some(({ receipt }) => receipt.device === device.deviceId && receipt.to >= anchor.seq)
  ) {
    return report(0, {
      seq: anchor.seq,
      message: `entries up to seq ${anchor.seq} are gone but no server receipt covers them`,
    });
  }
  for (const { receipt } of receipts) {
    if (receipt.to > anchor.seq && receipt.to <= head.seq) {
      const known = expected.get(receipt.to);
      if (known !== undefined && known !== receipt.head) {
        return report(0, {
          seq: receipt.to,
          message: 'a server receipt and a checkpoint disagree about this entry',
        });
      }
      expected.set(receipt.to, receipt.head);
    }
  }

  let cursor: ChainPoint = { ...anchor };
  let count = 0;
  const total = head.seq - anchor.seq;
  try {
    for await (const batch of store.read(anchor.seq + 1, head.seq)) {
      for (const entry of batch) {
        const problem =
          checkLink(cursor, entry) ??
          (entry.device === device.deviceId
            ? undefined
            : `the entry names another device (${entry.device})`) ??
          checkEntryHash(entry as unknown as Record<string, unknown>);
        if (problem) return report(count, { seq: entry.seq, message: problem });
        const signed = expected.get(entry.seq);
        if (signed !== undefined && signed !== entry.hash) {
          return report(count, {
            seq: entry.seq,
            message: 'the entry differs from what a checkpoint or receipt signed',
          });
        }
        cursor = { seq: entry.seq, hash: entry.hash };
        count += 1;
      }
      onProgress?.(count, total);
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'STORE_CORRUPT') {
      return report(count, { seq: cursor.seq + 1, message: error.message });
    }
    throw error;
  }
  if (cursor.seq !== head.seq) {
    return report(count, { seq: cursor.seq + 1, message: `the log ends early at seq ${cursor.seq}` });
  }
  return report(count);
}
