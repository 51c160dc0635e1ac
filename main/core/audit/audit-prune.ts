/**
 * Retention: entries leave the device only when BOTH they are older than the retention period AND
 * a server receipt that verifies against the server key covers them (and names their exact hash).
 * An entry the server has not countersigned is never removed, whatever its age (§7: local audit
 * entries are never dropped before a receipt covers them).
 */
import type { Receipt } from '../../../common/audit/checkpoint.schema';
import type { AuditStore, ChainPoint } from './audit-store';
import { verifyReceipt } from './audit-signature';
import { normalizeBound } from './audit-query';

/** What a retention run may use: the cutoff and the server's receipts. */
export interface PruneOptions {
  /** Entries with ts before this may go (when receipted). */
  olderThan: Date | string;
  /** Receipts from the server; each is verified here, whatever the caller did. */
  receipts: readonly unknown[];
  /** The server's public key (PEM) the receipts must verify against. */
  serverPublicKeyPem: string;
}

/** What a retention run did. */
export interface PruneResult {
  /** Entries removed. */
  pruned: number;
  /** The new anchor: the last removed entry. */
  anchor: ChainPoint;
  /** The highest seq covered contiguously by valid receipts. */
  coveredUpTo: number;
  /** The highest seq both covered and old enough (the store removes whole segments up to it). */
  eligibleUpTo: number;
  /** Receipts that failed verification or did not match this log, and were ignored. */
  rejectedReceipts: number;
}

async function hashAt(store: AuditStore, seq: number): Promise<string | undefined> {
  const anchor = store.anchor();
  if (seq === anchor.seq) return anchor.hash;
  for await (const batch of store.read(seq, seq)) return batch[0]?.hash;
  return undefined;
}

/** Prunes the receipted, expired prefix of the log (the only way entries ever leave it). */
export async function pruneCovered(
  store: AuditStore,
  deviceId: string,
  options: PruneOptions,
): Promise<PruneResult> {
  const cutoff = normalizeBound(
    options.olderThan instanceof Date ? options.olderThan.toISOString() : options.olderThan,
  ) as string;
  const before = store.anchor();
  const head = store.head();
  const valid: Receipt[] = [];
  for (const receipt of options.receipts) {
    if (!verifyReceipt(receipt, options.serverPublicKeyPem)) continue;
    if (receipt.device !== deviceId || receipt.to > head.seq || receipt.to < before.seq) continue;
    // The receipt must vouch for OUR entry `to`, not for some other chain's.
    if ((await hashAt(store, receipt.to)) !== receipt.head) continue;
    valid.push(receipt);
  }
  const known = new Set(store.receipts().map((stored) => stored.receipt.sig));
  for (const receipt of valid) {
    if (known.has(receipt.sig)) continue;
    // Kept first, so the anchor a prune leaves is always justified by a stored receipt.
    await store.appendReceipt({ receipt, serverPublicKeyPem: options.serverPublicKeyPem });
    known.add(receipt.sig);
  }

  let covered = before.seq;
  for (const receipt of [...valid].sort((a, b) => a.from - b.from)) {
    if (receipt.from > covered + 1) break;
    covered = Math.max(covered, receipt.to);
  }

  let eligible = before.seq;
  scan: for await (const batch of store.read(before.seq + 1, covered)) {
    for (const entry of batch) {
      // Stop at the first entry that is too young, even if later ones are older (clock changes).
      if (entry.ts >= cutoff) break scan;
      eligible = entry.seq;
    }
  }
  const anchor = eligible > before.seq ? await store.prune(eligible) : before;
  return {
    pruned: anchor.seq - before.seq,
    anchor,
    coveredUpTo: covered,
    eligibleUpTo: eligible,
    rejectedReceipts: options.receipts.length - valid.length,
  };
}
