import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Clock, systemClock } from './clock';
import { type DocumentRepo, createDocumentRepo } from './document.repo';
import { type SearchIndexRepo, createSearchIndexRepo } from './search-index.repo';
import { type FileSystem, createFileSystem } from './file-system';
import { HEAD_FILE } from './head-file';
import {
  type AddUnlockMethodInput,
  type KeyAdminContext,
  type UnlockMethodInfo,
  addUnlockMethod,
  buildSlot,
  changePassphrase,
  describeSlots,
  removeUnlockMethod,
  rotateDataKey,
} from './key-admin';
import { KEY_FILE, type KeyFile, readKeyFile } from './key-file';
import { newKeyring, wipeKeyring } from './key-hierarchy';
import type { KeyProvider } from './key-provider';
import { createMutex } from './mutex';
import { type IntegrityFailure, type ProgressCallback, reencryptAll } from './reencrypt-job';
import { type SettingsRepo, createSettingsRepo } from './settings.repo';
import { type ShredResult, finishShred, pendingShreds, shredSubject } from './shred';
import { CREATING_MARKER, createStore, openStore, sweepBlobTemps } from './store-open';
import { type SyncQueueRepo, createSyncQueueRepo } from './sync-queue.repo';
import { unlockWithSlots } from './unlock-flow';
import { DEFAULT_SCRYPT, type ScryptParams, publicKeyFingerprint } from './unlock-methods';
import { bytesOnDisk, verifyStore } from './verify';
import { readAttempts, retryAfterMs } from './throttle';
import { aesGcm, canonicalJson, randomKey, sha256, type CipherStrategy } from './vault-crypto';
import { VaultError } from './vault-errors';
import { lockedError, type StoreDeps, type VaultStore } from './vault-store';

/** Construction options; everything but `dir` has a production default. */
export interface VaultServiceOptions {
  /** The vault folder (created on `create`). */
  dir: string;
  /** The OS keystore (Electron safeStorage in the app). */
  keyProvider?: KeyProvider;
  /** Organisation recovery key (RSA, PEM) from policy: added as an unlock method on create and unlock. */
  recoveryPublicKeyPem?: string;
  clock?: Clock;
  /** scrypt cost for new passphrase slots (tests inject cheap ones). */
  scrypt?: ScryptParams;
  fs?: FileSystem;
  /** Workspace whose data key this service uses; default 'default'. */
  workspace?: string;
  /** Background compaction: when the journals pass `thresholdBytes` (default 8 MiB). */
  compaction?: { thresholdBytes?: number; auto?: boolean };
  /** Failures of background work (compaction) that no caller is waiting for. */
  onBackgroundError?: (err: VaultError) => void;
  /** BENCHMARK ONLY: `identityCipher` stores data files unencrypted to measure the cost of encryption. */
  cipher?: CipherStrategy;
}

export interface CreateVaultInput {
  passphrase?: string;
  /** Also unlockable through the OS keystore (refused when the backend is insecure). */
  useOsKeystore?: boolean;
  /** Organisation recovery public key (overrides the one given in the options). */
  recoveryPublicKeyPem?: string;
}

export type UnlockInput = { passphrase: string } | { method: 'os-keystore' };

export interface VaultStats {
  documents: number;
  versions: number;
  subjects: number;
  settings: number;
  syncQueue: number;
  blobFiles: number;
  /** Every file of the vault folder, blobs included. */
  bytesOnDisk: number;
  snapshotBytes: number;
  /** Records in the journals on top of the snapshot. */
  journalRecords: number;
  journalBytes: number;
  /** Generation of the active journal. */
  generation: number;
  snapshotGeneration: number;
  commits: number;
  dataKeys: number;
  subjectKeys: number;
}

/**
 * What the sync client sends for the server to countersign: if the vault is ever
 * restored from an old backup, its commit count and chain hash fall behind the
 * last receipt, which only the server can notice.
 */
export interface HeadCommitment {
  vaultId: string;
  commits: number;
  generation: number;
  seq: number;
  chainHash: string;
  /** SHA-256 of canonical JSON {vaultId, commits, chainHash}. */
  digest: string;
}

/** The vault: lifecycle, unlock methods, key operations and the data repos of the unlocked vault. */
export interface VaultService {
  readonly dir: string;
  exists(): Promise<boolean>;
  /** Creates a vault and leaves it unlocked. Needs a passphrase or a recovery key. */
  create(input: CreateVaultInput): Promise<void>;
  unlock(input: UnlockInput): Promise<void>;
  /** Closes the database and zeroes every key buffer the vault owns. */
  lock(): Promise<void>;
  isUnlocked(): boolean;
  /** Failed attempts and the remaining back-off, for the unlock screen. */
  unlockStatus(): Promise<{ failures: number; retryAfterMs: number }>;
  /** Readable while locked (slots are not secret). */
  listUnlockMethods(): Promise<UnlockMethodInfo[]>;
  addUnlockMethod(input: AddUnlockMethodInput): Promise<UnlockMethodInfo>;
  removeUnlockMethod(id: string): Promise<void>;
  changePassphrase(input: { current: string; next: string }): Promise<void>;
  /**
   * Re-authentication of the unlocked vault's user (e-signatures): resolves when the passphrase
   * opens a slot; a wrong one throws WRONG_PASSPHRASE and counts toward the same back-off as unlock.
   */
  verifyPassphrase(passphrase: string): Promise<void>;
  rotateDataKey(): Promise<{ keyId: string }>;
  reencryptAll(options?: {
    onProgress?: ProgressCallback;
  }): Promise<{ blobs: number; failures: IntegrityFailure[] }>;
  shredSubject(subjectId: string): Promise<ShredResult>;
  readonly documents: DocumentRepo;
  readonly settings: SettingsRepo;
  readonly syncQueue: SyncQueueRepo;
  /** The full-text index's statistics and the semantic vectors (main/core/search uses it). */
  readonly search: SearchIndexRepo;
  stats(): Promise<VaultStats>;
  verify(): Promise<IntegrityFailure[]>;
  headCommitment(): Promise<HeadCommitment>;
  /** Compacts now (normally automatic, in the background). */
  compact(): Promise<void>;
}

const internals = new WeakMap<VaultService, () => VaultStore | undefined>();

/** For tests and the benchmark only: the open store behind a service. */
export function vaultInternals(service: VaultService): VaultStore | undefined {
  return internals.get(service)?.();
}

export function createVaultService(options: VaultServiceOptions): VaultService {
  const dir = options.dir;
  const clock = options.clock ?? systemClock;
  const fs = options.fs ?? createFileSystem();
  const workspace = options.workspace ?? 'default';
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  const adminCtx: KeyAdminContext = {
    scrypt,
    ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}),
  };
  const deps: StoreDeps = {
    fs,
    dir,
    cipher: options.cipher ?? aesGcm,
    clock,
    compactThresholdBytes: options.compaction?.thresholdBytes ?? 8 * 1024 * 1024,
    autoCompact: options.compaction?.auto ?? true,
    onBackgroundError: options.onBackgroundError ?? (() => undefined),
  };
  const gate = createMutex();
  let store: VaultStore | undefined;

  const current = (): VaultStore => {
    if (!store || store.closed) throw lockedError();
    return store;
  };

  async function afterOpen(s: VaultStore): Promise<void> {
    for (const subjectId of await pendingShreds(s)) await finishShred(s, subjectId);
    const pem = options.recoveryPublicKeyPem;
    if (pem) {
      const fp = publicKeyFingerprint(pem);
      const has = s.keyFile.auth.slots.some((slot) => slot.kind === 'recovery' && slot.keyFingerprint === fp);
      if (!has) await addUnlockMethod(s, { kind: 'recovery', publicKeyPem: pem }, adminCtx);
    }
    void sweepBlobTemps(s).catch(() => undefined);
  }

  /** A head without key file is a damaged vault, unless a creation was interrupted. */
  async function hasOrphanHead(): Promise<boolean> {
    return (
      (await fs.size(join(dir, HEAD_FILE))) !== undefined &&
      (await fs.size(join(dir, CREATING_MARKER))) === undefined
    );
  }

  async function readKeys(): Promise<KeyFile> {
    const kf = await readKeyFile(fs, dir);
    if (kf) return kf;
    if (await hasOrphanHead())
      throw new VaultError('STORE_CORRUPT', `Vault file ${KEY_FILE} is missing.`, { file: KEY_FILE });
    throw new VaultError('VAULT_ABSENT', `There is no vault in ${dir}.`);
  }

  const service: VaultService = {
    dir,
    async exists() {
      return (await fs.size(join(dir, KEY_FILE))) !== undefined || (await hasOrphanHead());
    },

    create: (input) =>
      gate.run(async () => {
        if ((await fs.size(join(dir, KEY_FILE))) !== undefined)
          throw new VaultError('VAULT_EXISTS', `A vault already exists in ${dir}.`);
        const pem = input.recoveryPublicKeyPem ?? options.recoveryPublicKeyPem;
        if (input.passphrase === undefined && !pem) {
          throw new VaultError(
            'INVALID_ARGUMENT',
            'A vault needs a passphrase or a recovery key: the OS keystore alone can be lost (keyring reset, new machine).',
          );
        }
        await fs.mkdir(dir);
        const now = clock.now();
        const ring = newKeyring(randomUUID(), workspace, randomKey(), now);
        try {
          const slots = [];
          if (input.passphrase !== undefined)
            slots.push(
              await buildSlot(
                ring.vaultId,
                ring.master,
                { kind: 'passphrase', passphrase: input.passphrase },
                adminCtx,
                now,
              ),
            );
          if (input.useOsKeystore)
            slots.push(await buildSlot(ring.vaultId, ring.master, { kind: 'os-keystore' }, adminCtx, now));
          if (pem)
            slots.push(
              await buildSlot(
                ring.vaultId,
                ring.master,
                { kind: 'recovery', publicKeyPem: pem },
                adminCtx,
                now,
              ),
            );
          store = await createStore(deps, ring, slots, now);
        } catch (err) {
          wipeKeyring(ring);
          throw err;
        }
      }),

    unlock: (input) =>
      gate.run(async () => {
        if (store && !store.closed) return;
        const keyFile = await readKeys();
        const master = await unlockWithSlots({
          fs,
          dir,
          clock,
          keyFile,
          input,
          keyProvider: options.keyProvider,
        });
        const s = await openStore(deps, keyFile, master, workspace);
        store = s;
        await afterOpen(s);
      }),

    lock: () =>
      gate.run(async () => {
        const s = store;
        store = undefined;
        await s?.close();
      }),

    isUnlocked: () => !!store && !store.closed,

    async unlockStatus() {
      const a = await readAttempts(fs, dir);
      return { failures: a.failures, retryAfterMs: retryAfterMs(a, clock.now()) };
    },

    async listUnlockMethods() {
      return describeSlots((store && !store.closed ? store.keyFile : await readKeys()).auth.slots);
    },
    addUnlockMethod: (input) => addUnlockMethod(current(), input, adminCtx),
    removeUnlockMethod: (id) => removeUnlockMethod(current(), id),
    changePassphrase: (input) => changePassphrase(current(), input, adminCtx),
    async verifyPassphrase(passphrase) {
      const s = current();
      const master = await unlockWithSlots({ fs, dir, clock, keyFile: s.keyFile, input: { passphrase } });
      master.fill(0);
    },
    rotateDataKey: () => rotateDataKey(current()),
    reencryptAll: (o = {}) => reencryptAll(current(), o.onProgress),
    shredSubject: (subjectId) => shredSubject(current(), subjectId),

    documents: createDocumentRepo(current),
    settings: createSettingsRepo(current),
    syncQueue: createSyncQueueRepo(current),
    search: createSearchIndexRepo(current),

    async stats() {
      const s = current();
      const counts = await s.exclusive(() => {
        const n = (sql: string) => s.db.get<{ n: number }>(sql)?.n ?? 0;
        return {
          documents: n('SELECT count(*) AS n FROM documents'),
          versions: n('SELECT count(*) AS n FROM versions'),
          subjects: n('SELECT count(DISTINCT subject_id) AS n FROM documents WHERE subject_id IS NOT NULL'),
          settings: n('SELECT count(*) AS n FROM settings'),
          syncQueue: n('SELECT count(*) AS n FROM sync_queue'),
        };
      });
      const disk = await bytesOnDisk(fs, dir);
      const h = s.head;
      return {
        ...counts,
        blobFiles: disk.blobFiles,
        bytesOnDisk: disk.bytes,
        snapshotBytes: h.snapshot.bytes,
        journalRecords: h.journals.reduce((a, j) => a + j.seq, 0),
        journalBytes: s.journalBytes(),
        generation: h.journals[h.journals.length - 1]!.gen,
        snapshotGeneration: h.snapshot.gen,
        commits: h.commits,
        dataKeys: s.ring.dataKeys.size,
        subjectKeys: s.ring.subjectKeys.size,
      };
    },

    verify: () => verifyStore(current()),

    async headCommitment() {
      const s = current();
      return s.exclusive(() => {
        const h = s.head;
        const last = h.journals[h.journals.length - 1]!;
        const digest = sha256(
          canonicalJson({ vaultId: h.vaultId, commits: h.commits, chainHash: last.hash }),
        ).toString('hex');
        return {
          vaultId: h.vaultId,
          commits: h.commits,
          generation: last.gen,
          seq: last.seq,
          chainHash: last.hash,
          digest,
        };
      });
    },

    compact: () => current().compact(),
  };
  internals.set(service, () => store);
  return service;
}
