/**
 * Where the audit log keeps its entries, checkpoints and receipts. Append-only: the only way
 * entries leave is `prune`, which the log calls solely for entries covered by a verified receipt.
 */
import type { AuditEntry } from '../../../common/audit/entry.schema';
import type { Checkpoint, CheckpointReason, Receipt } from '../../../common/audit/checkpoint.schema';

/** A position in the chain: entry `seq` hashes to `hash` (seq 0 / 64 zeros before the first). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** A checkpoint as the store keeps it: the signed object and why it was made. */
export interface StoredCheckpoint {
  checkpoint: Checkpoint;
  reason: CheckpointReason;
}

/** A verified server receipt and the key it verified against. */
export interface StoredReceipt {
  receipt: Receipt;
  /** The server key the receipt verified against when it was accepted. */
  serverPublicKeyPem: string;
}

/** Storage behind the log: in memory (tests) or encrypted segment files (segment-audit.store.ts). */
export interface AuditStore {
  /** 'vault' for durable encrypted storage, 'memory' for tests (the router's AuditSink reports it). */
  readonly kind: 'memory' | 'vault';
  /** The entry just before the first retained one: seq 0 and 64 zeros until something is pruned. */
  anchor(): ChainPoint;
  /** The last durable entry, or the anchor when none is retained. */
  head(): ChainPoint;
  /**
   * Appends entries (consecutive seqs continuing the head) all-or-nothing; durable (fsynced) when
   * the promise resolves. On failure nothing of the batch remains.
   */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Entries with fromSeq <= seq <= toSeq, in seq order, in batches. */
  read(fromSeq: number, toSeq: number): AsyncIterable<AuditEntry[]>;
  /** Appends checkpoints durably, in order, with one fsync. */
  appendCheckpoints(stored: readonly StoredCheckpoint[]): Promise<void>;
  checkpoints(): readonly StoredCheckpoint[];
  appendReceipt(stored: StoredReceipt): Promise<void>;
  receipts(): readonly StoredReceipt[];
  /**
   * Removes retained entries with seq <= uptoSeq as far as the store's granularity allows (whole
   * segments) and returns the new anchor. The caller guarantees they are receipted.
   */
  prune(uptoSeq: number): Promise<ChainPoint>;
  close(): Promise<void>;
}
