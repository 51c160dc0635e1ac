import { timingSafeEqual } from 'node:crypto';
import {
  type DataKeyEntry,
  type KeyFile,
  type KeyFileAuth,
  type SubjectKeyEntry,
  KEY_FILE,
  keyFileMac,
} from './key-file';
import { AuthenticationError, aad, aesGcm, deriveKey, hmac, randomId, randomKey, wipe } from './vault-crypto';
import { corrupt } from './vault-errors';

/** Scope of a blob or key: the workspace's data keys, or one data subject's keys. */
export type KeyScope = 'data' | `subject:${string}`;

interface HeldKey {
  id: string;
  key: Buffer;
  createdAt: number;
  current: boolean;
}

/**
 * Unwrapped keys of an unlocked vault. Hierarchy: a random master key (unlocked
 * by the unlock methods) wraps everything else: the per-workspace data keys
 * (snapshot, journal, ordinary blobs), per-subject keys (blobs of one data
 * subject, so destroying the key shreds them) and the blob-naming key (HMAC key
 * that gives blobs content addresses without revealing content hashes).
 * Keys never enter the database, the journal or a snapshot: they live only in
 * vault.keys, which is rewritten atomically when a key is added or destroyed.
 */
export interface Keyring {
  readonly vaultId: string;
  readonly workspace: string;
  master: Buffer;
  /** Seals vault.head. */
  headKey: Buffer;
  /** Authenticates vault.keys. */
  macKey: Buffer;
  namingKey: Buffer;
  dataKeys: Map<string, HeldKey & { workspace: string }>;
  /** Keyed by key id; each names its subject only by pseudonym (see subjectRef). */
  subjectKeys: Map<string, HeldKey & { subjectRef: string }>;
}

export function newKeyring(vaultId: string, workspace: string, master: Buffer, now: number): Keyring {
  const ring = baseRing(vaultId, workspace, master, randomKey());
  addDataKey(ring, now);
  return ring;
}

function baseRing(vaultId: string, workspace: string, master: Buffer, namingKey: Buffer): Keyring {
  return {
    vaultId,
    workspace,
    master,
    headKey: deriveKey(master, vaultId, 'head'),
    macKey: deriveKey(master, vaultId, 'keyfile-mac'),
    namingKey,
    dataKeys: new Map(),
    subjectKeys: new Map(),
  };
}

/** Makes a new data key current for the ring's workspace; older ones stay for reading. */
export function addDataKey(ring: Keyring, now: number): string {
  for (const k of ring.dataKeys.values()) if (k.workspace === ring.workspace) k.current = false;
  const id = randomId('d-');
  ring.dataKeys.set(id, { id, key: randomKey(), createdAt: now, current: true, workspace: ring.workspace });
  return id;
}

/**
 * Pseudonym of a data subject in vault.keys: HMAC under the naming key. The key
 * file is readable without unlocking, so it must not list patient identifiers.
 */
export function subjectRef(ring: Keyring, subjectId: string): string {
  return hmac(ring.namingKey, 'subject-ref\0', subjectId).toString('hex');
}

export function addSubjectKey(ring: Keyring, subjectId: string, now: number): string {
  return addSubjectKeyByRef(ring, subjectRef(ring, subjectId), now);
}

export function addSubjectKeyByRef(ring: Keyring, ref: string, now: number): string {
  for (const k of ring.subjectKeys.values()) if (k.subjectRef === ref) k.current = false;
  const id = randomId('s-');
  ring.subjectKeys.set(id, { id, key: randomKey(), createdAt: now, current: true, subjectRef: ref });
  return id;
}

/** The key new writes in `scope` use, or undefined for a subject with no key yet. */
export function currentKey(ring: Keyring, scope: KeyScope): { id: string; key: Buffer } | undefined {
  if (scope === 'data') {
    for (const k of ring.dataKeys.values()) if (k.current && k.workspace === ring.workspace) return k;
    return undefined;
  }
  const ref = subjectRef(ring, scope.slice('subject:'.length));
  for (const k of ring.subjectKeys.values()) if (k.current && k.subjectRef === ref) return k;
  return undefined;
}

/** Any key (current or retired) by id, checking it belongs to the expected scope. */
export function keyForRead(ring: Keyring, scope: KeyScope, keyId: string): Buffer | undefined {
  if (scope === 'data') return ring.dataKeys.get(keyId)?.key;
  const k = ring.subjectKeys.get(keyId);
  return k && k.subjectRef === subjectRef(ring, scope.slice('subject:'.length)) ? k.key : undefined;
}

/** Destroys (zeroes and forgets) keys matching `pred`; returns how many. */
export function destroyKeys(
  ring: Keyring,
  pred: (k: { id: string; current: boolean; subjectRef?: string }) => boolean,
): number {
  let n = 0;
  for (const map of [ring.dataKeys, ring.subjectKeys] as Array<
    Map<string, HeldKey & { subjectRef?: string }>
  >) {
    for (const [id, k] of map) {
      if (pred(k)) {
        wipe(k.key);
        map.delete(id);
        n++;
      }
    }
  }
  return n;
}

export function wipeKeyring(ring: Keyring): void {
  wipe(ring.master, ring.headKey, ring.macKey, ring.namingKey);
  for (const k of ring.dataKeys.values()) wipe(k.key);
  for (const k of ring.subjectKeys.values()) wipe(k.key);
  ring.dataKeys.clear();
  ring.subjectKeys.clear();
}

function wrap(master: Buffer, key: Buffer, a: Buffer): string {
  return aesGcm.seal(master, key, a).toString('base64');
}

function unwrap(master: Buffer, wrapped: string, a: Buffer, what: string): Buffer {
  try {
    return aesGcm.open(master, Buffer.from(wrapped, 'base64'), a);
  } catch (err) {
    if (err instanceof AuthenticationError)
      throw corrupt(KEY_FILE, `${what} does not unwrap under the master key`, err);
    throw err;
  }
}

/** Seals the ring's keys under the master key, for writing vault.keys. */
export function wrapKeys(ring: Keyring): Pick<KeyFileAuth, 'namingKey' | 'dataKeys' | 'subjectKeys'> {
  const { vaultId, master } = ring;
  const dataKeys: DataKeyEntry[] = [...ring.dataKeys.values()].map((k) => ({
    id: k.id,
    workspace: k.workspace,
    createdAt: k.createdAt,
    current: k.current,
    wrap: wrap(master, k.key, aad('data-key', vaultId, k.workspace, k.id)),
  }));
  const subjectKeys: SubjectKeyEntry[] = [...ring.subjectKeys.values()].map((k) => ({
    id: k.id,
    subjectRef: k.subjectRef,
    createdAt: k.createdAt,
    current: k.current,
    wrap: wrap(master, k.key, aad('subject-key', vaultId, k.subjectRef, k.id)),
  }));
  return { namingKey: wrap(master, ring.namingKey, aad('naming-key', vaultId)), dataKeys, subjectKeys };
}

/**
 * Checks the key file's MAC with the unlocked master key and unwraps every key.
 * `master` is taken over by the ring (wiped with it).
 */
export function openKeyring(file: KeyFile, master: Buffer, workspace: string): Keyring {
  const { vaultId } = file;
  const macKey = deriveKey(master, vaultId, 'keyfile-mac');
  const expected = Buffer.from(keyFileMac(macKey, vaultId, file.auth), 'hex');
  wipe(macKey);
  if (!timingSafeEqual(expected, Buffer.from(file.mac, 'hex'))) {
    wipe(master);
    throw corrupt(
      KEY_FILE,
      'its authentication code does not match (edited, or combined from different vaults)',
    );
  }
  const ring = baseRing(
    vaultId,
    workspace,
    master,
    unwrap(master, file.auth.namingKey, aad('naming-key', vaultId), 'the naming key'),
  );
  try {
    for (const e of file.auth.dataKeys) {
      const key = unwrap(master, e.wrap, aad('data-key', vaultId, e.workspace, e.id), `data key ${e.id}`);
      ring.dataKeys.set(e.id, {
        id: e.id,
        key,
        createdAt: e.createdAt,
        current: e.current,
        workspace: e.workspace,
      });
    }
    for (const e of file.auth.subjectKeys) {
      const key = unwrap(
        master,
        e.wrap,
        aad('subject-key', vaultId, e.subjectRef, e.id),
        `subject key ${e.id}`,
      );
      ring.subjectKeys.set(e.id, {
        id: e.id,
        key,
        createdAt: e.createdAt,
        current: e.current,
        subjectRef: e.subjectRef,
      });
    }
  } catch (err) {
    wipeKeyring(ring);
    throw err;
  }
  return ring;
}

/**
 * Remembers which keys exist and which are current, returning an undo that
 * destroys keys added since and restores the flags: used when persisting a key
 * change fails, so memory never runs ahead of vault.keys.
 */
export function checkpointKeys(ring: Keyring): () => void {
  const flags = new Map<string, boolean>();
  for (const k of ring.dataKeys.values()) flags.set(k.id, k.current);
  for (const k of ring.subjectKeys.values()) flags.set(k.id, k.current);
  return () => {
    destroyKeys(ring, (k) => !flags.has(k.id));
    for (const k of ring.dataKeys.values()) k.current = flags.get(k.id) ?? k.current;
    for (const k of ring.subjectKeys.values()) k.current = flags.get(k.id) ?? k.current;
  };
}
