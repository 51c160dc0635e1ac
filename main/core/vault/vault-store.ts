import { failedAfterRename } from './atomic-write';
import { createBlobStore, type BlobStore } from './blob-store';
import type { Clock } from './clock';
import type { FileSystem } from './file-system';
import { type HeadState, writeHead } from './head-file';
import { encodeRecord, type JournalWriter, type SqlOp } from './journal';
import {
  type KeyFile,
  type KeyFileAuth,
  type UnlockSlot,
  keyAuthHash,
  keyFileMac,
  writeKeyFile,
} from './key-file';
import { currentKey, wipeKeyring, wrapKeys, type Keyring } from './key-hierarchy';
import { createMutex } from './mutex';
import type { SqlStore } from './sql-store';
import type { CipherStrategy } from './vault-crypto';
import { VaultError, isVaultError } from './vault-errors';

/** What the open store needs from its surroundings. */
export interface StoreDeps {
  fs: FileSystem;
  dir: string;
  cipher: CipherStrategy;
  clock: Clock;
  /** Compact when the journals on top of the snapshot exceed this many bytes. */
  compactThresholdBytes: number;
  autoCompact: boolean;
  onBackgroundError: (err: VaultError) => void;
}

export interface CompactOptions {
  /** Rewrite FTS4 segments into one first, so no deleted terms survive (used by crypto-shredding). */
  optimizeFts?: boolean;
}

export type Compactor = (store: VaultStore, options: CompactOptions) => Promise<void>;

export function lockedError(): VaultError {
  return new VaultError('VAULT_LOCKED', 'The vault is locked. Unlock it first.');
}

/** Phrases a failed change for the user: for a full disk, that nothing was saved and earlier data is intact. */
export function commitError(err: unknown): VaultError {
  if (isVaultError(err, 'DISK_FULL')) {
    return new VaultError(
      'DISK_FULL',
      `${err.message} The change was not saved; everything saved before is intact.`,
      {
        file: err.file ?? '',
        cause: err,
      },
    );
  }
  return isVaultError(err)
    ? err
    : new VaultError('IO_ERROR', `The change could not be saved: ${String(err)}`, { cause: err });
}

/**
 * An unlocked, open vault: the in-memory database, the keys, the manifest and
 * the active journal. All mutation funnels through `commit` while holding the
 * mutex; reads that must not observe a half-done commit hold it too.
 */
export class VaultStore {
  readonly mutex = createMutex();
  readonly blobs: BlobStore;
  closed = false;
  /** True when vault.keys moved ahead of the last durable vault.head. */
  private headBehind = false;
  private compaction: Promise<void> | undefined;
  private compactionFailures = 0;
  private nextCompactionAttempt = 0;

  constructor(
    readonly deps: StoreDeps,
    public ring: Keyring,
    public keyFile: KeyFile,
    public head: HeadState,
    public db: SqlStore,
    public writer: JournalWriter,
    /** Bytes of the journals before the active one (still needed until the next snapshot). */
    public olderJournalBytes: number,
    private readonly compactor: Compactor,
  ) {
    this.blobs = createBlobStore({ fs: deps.fs, dir: deps.dir, cipher: deps.cipher, ring });
  }

  /** Runs `fn` holding the store's mutex; fails with VAULT_LOCKED once closed. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.mutex.run(() => {
      if (this.closed) throw lockedError();
      return fn();
    });
  }

  journalBytes(): number {
    return this.olderJournalBytes + this.writer.bytes;
  }

  /**
   * Journal size that triggers compaction: the configured minimum (8 MiB by
   * default), growing with very large snapshots to 1/32 of their size but never
   * past 16 MiB. The cap bounds the worst-case replay at open (every journal byte
   * is re-indexed by FTS4: 16 MiB is about 450 saves of 20 KB documents); the
   * scaling trims write amplification, since each compaction rewrites the snapshot.
   */
  compactionThreshold(): number {
    const { compactThresholdBytes } = this.deps;
    return Math.max(compactThresholdBytes, Math.min(this.head.snapshot.bytes / 32, 16 * 1024 * 1024));
  }

  private async assertWritable(): Promise<void> {
    if (this.closed) throw lockedError();
    if (!(await this.writer.repair())) {
      throw new VaultError(
        'IO_ERROR',
        `A failed write could not be undone in ${this.writer.name} yet (is the disk still full?). Free some space and try again.`,
        {
          file: this.writer.name,
        },
      );
    }
  }

  /**
   * Commits one batch: apply in a transaction, append the sealed record to the
   * journal and fdatasync it, then rewrite vault.head to count it, then COMMIT in
   * memory. Any failure before the head is in place undoes all three, so the
   * caller's error means "not saved". Caller holds the mutex.
   */
  async commit(ops: readonly SqlOp[]): Promise<void> {
    await this.assertWritable();
    const last = this.head.journals[this.head.journals.length - 1]!;
    const key = currentKey(this.ring, 'data');
    if (!key) throw new VaultError('STORE_CORRUPT', 'No current data key.');
    const record = encodeRecord(
      { cipher: this.deps.cipher, vaultId: this.ring.vaultId, gen: last.gen },
      key,
      last.seq + 1,
      last.hash,
      ops,
    );
    this.db.begin();
    try {
      this.db.applyOps(ops);
    } catch (err) {
      this.db.rollback();
      throw new VaultError(
        'INVALID_ARGUMENT',
        `The change was rejected by the database: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const before = this.writer.bytes;
    try {
      await this.writer.append(record.bytes);
    } catch (err) {
      this.db.rollback();
      throw commitError(err);
    }
    const next: HeadState = {
      ...this.head,
      counter: this.head.counter + 1,
      commits: this.head.commits + 1,
      journals: [...this.head.journals.slice(0, -1), { ...last, seq: last.seq + 1, hash: record.hash }],
    };
    try {
      await writeHead(this.deps.fs, this.deps.dir, this.ring.headKey, next);
    } catch (err) {
      if (!failedAfterRename(err)) {
        await this.writer.cutBack(before);
        this.db.rollback();
        throw commitError(err);
      }
      // The new head is in place; only the folder fsync failed. The record is durable,
      // and a reopen accepts it either way, so report it but keep the commit.
      this.deps.onBackgroundError(commitError(err));
    }
    this.db.commit();
    this.head = next;
    this.headBehind = false;
    this.scheduleCompaction();
  }

  /** Writes vault.head; on failure the in-memory head still advances so the next write carries it. */
  async writeHeadState(next: HeadState): Promise<void> {
    try {
      await writeHead(this.deps.fs, this.deps.dir, this.ring.headKey, next);
      this.head = next;
      this.headBehind = false;
    } catch (err) {
      if (failedAfterRename(err)) {
        this.head = next;
        this.headBehind = false;
        return;
      }
      throw err;
    }
  }

  /**
   * Persists the key ring and `slots` as a new epoch of vault.keys (atomically),
   * then records that epoch in vault.head. A reopen accepts a key file exactly one
   * epoch ahead of the head (a crash between the two writes), so a second key
   * change is refused until the head has caught up. Caller holds the mutex and
   * must undo its in-memory key change if this throws.
   */
  async persistKeys(slots: UnlockSlot[] = this.keyFile.auth.slots): Promise<void> {
    await this.assertWritable();
    if (this.headBehind) await this.writeHeadState({ ...this.head, counter: this.head.counter + 1 });
    const { vaultId } = this.ring;
    const auth: KeyFileAuth = {
      epoch: this.keyFile.auth.epoch + 1,
      cipher: this.keyFile.auth.cipher,
      slots,
      ...wrapKeys(this.ring),
    };
    const file: KeyFile = { ...this.keyFile, auth, mac: keyFileMac(this.ring.macKey, vaultId, auth) };
    try {
      await writeKeyFile(this.deps.fs, this.deps.dir, file);
    } catch (err) {
      if (!failedAfterRename(err)) throw err;
    }
    this.keyFile = file;
    const next: HeadState = {
      ...this.head,
      counter: this.head.counter + 1,
      keyEpoch: auth.epoch,
      keyAuthHash: keyAuthHash(vaultId, auth),
    };
    this.head = next;
    this.headBehind = true;
    try {
      await this.writeHeadState(next);
    } catch (err) {
      // The key change itself is durable; the head catches up with the next write.
      this.deps.onBackgroundError(
        isVaultError(err) ? err : new VaultError('IO_ERROR', String(err), { cause: err }),
      );
    }
  }

  /** Starts a background compaction when the journals have grown past the threshold. */
  scheduleCompaction(): void {
    const { autoCompact, clock } = this.deps;
    if (!autoCompact || this.compaction || this.closed || this.journalBytes() < this.compactionThreshold())
      return;
    if (clock.now() < this.nextCompactionAttempt) return;
    this.compaction = this.compactor(this, {})
      .then(
        () => {
          this.compactionFailures = 0;
        },
        (err: unknown) => {
          if (this.closed) return;
          // Back off so a full disk does not turn every save into a failed compaction.
          this.compactionFailures++;
          this.nextCompactionAttempt =
            clock.now() + Math.min(1000 * 2 ** this.compactionFailures, 5 * 60_000);
          this.deps.onBackgroundError(
            isVaultError(err)
              ? err
              : new VaultError('IO_ERROR', `Compaction failed: ${String(err)}`, { cause: err }),
          );
        },
      )
      .finally(() => {
        this.compaction = undefined;
      });
  }

  /** Compacts now (waiting for a running compaction first); errors are thrown to the caller. */
  async compact(options: CompactOptions = {}): Promise<void> {
    while (this.compaction) await this.compaction;
    if (this.closed) throw lockedError();
    const run = this.compactor(this, options);
    this.compaction = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      await run;
    } finally {
      this.compaction = undefined;
    }
  }

  /** Waits for a background compaction (tests and lock). */
  async idle(): Promise<void> {
    while (this.compaction) await this.compaction;
  }

  /** Closes files and wipes keys. A compaction in flight notices `closed` and abandons its work. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.writer.close();
      this.db.close();
      wipeKeyring(this.ring);
    });
    await this.idle();
  }
}
