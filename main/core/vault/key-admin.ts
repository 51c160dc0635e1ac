import type { KeyProvider } from './key-provider';
import type { UnlockSlot } from './key-file';
import { addDataKey, checkpointKeys } from './key-hierarchy';
import {
  type ScryptParams,
  checkPassphrase,
  createKeystoreSlot,
  createPassphraseSlot,
  createRecoverySlot,
  openPassphraseSlot,
} from './unlock-methods';
import { wipe } from './vault-crypto';
import { VaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

/** A new way to unlock the vault. */
export type AddUnlockMethodInput =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'os-keystore' }
  | { kind: 'recovery'; publicKeyPem: string };

/** What the UI may show about an unlock method (nothing secret). */
export interface UnlockMethodInfo {
  id: string;
  kind: UnlockSlot['kind'];
  createdAt: number;
  /** os-keystore: the backend it was created with. */
  backend?: string;
  /** recovery: SHA-256 of the organisation public key (hex). */
  keyFingerprint?: string;
}

export function describeSlots(slots: UnlockSlot[]): UnlockMethodInfo[] {
  return slots.map((s) => ({
    id: s.id,
    kind: s.kind,
    createdAt: s.createdAt,
    ...(s.kind === 'os-keystore' ? { backend: s.backend } : {}),
    ...(s.kind === 'recovery' ? { keyFingerprint: s.keyFingerprint } : {}),
  }));
}

export interface KeyAdminContext {
  keyProvider?: KeyProvider;
  scrypt: ScryptParams;
}

/** Copies the master key under the mutex so slow slot creation (scrypt) does not hold up saves. */
async function withMasterCopy<T>(store: VaultStore, fn: (master: Buffer) => Promise<T>): Promise<T> {
  const master = await store.exclusive(() => Buffer.from(store.ring.master));
  try {
    return await fn(master);
  } finally {
    wipe(master);
  }
}

export async function buildSlot(
  vaultId: string,
  master: Buffer,
  input: AddUnlockMethodInput,
  ctx: KeyAdminContext,
  now: number,
): Promise<UnlockSlot> {
  switch (input.kind) {
    case 'passphrase':
      return createPassphraseSlot(vaultId, master, input.passphrase, ctx.scrypt, now);
    case 'os-keystore':
      return createKeystoreSlot(vaultId, master, ctx.keyProvider, now);
    case 'recovery':
      return createRecoverySlot(vaultId, master, input.publicKeyPem, now);
    default:
      throw new VaultError(
        'INVALID_ARGUMENT',
        `Unknown unlock method ${JSON.stringify((input as { kind?: unknown }).kind)}.`,
      );
  }
}

export async function addUnlockMethod(
  store: VaultStore,
  input: AddUnlockMethodInput,
  ctx: KeyAdminContext,
): Promise<UnlockMethodInfo> {
  const slot = await withMasterCopy(store, (master) =>
    buildSlot(store.ring.vaultId, master, input, ctx, store.deps.clock.now()),
  );
  await store.exclusive(() => store.persistKeys([...store.keyFile.auth.slots, slot]));
  return describeSlots([slot])[0]!;
}

/**
 * Removes a method. The OS keystore can vanish with a keyring switch or an OS
 * reinstall, so a vault must always keep a passphrase or recovery method.
 */
export async function removeUnlockMethod(store: VaultStore, id: string): Promise<void> {
  await store.exclusive(async () => {
    const slots = store.keyFile.auth.slots;
    if (!slots.some((s) => s.id === id)) throw new VaultError('NOT_FOUND', `No unlock method with id ${id}.`);
    const remaining = slots.filter((s) => s.id !== id);
    if (!remaining.some((s) => s.kind !== 'os-keystore')) {
      throw new VaultError(
        'INVALID_ARGUMENT',
        'This is the last passphrase or recovery method; a vault must keep one (the OS keystore alone can be lost). Add another first.',
      );
    }
    await store.persistKeys(remaining);
  });
}

/** Replaces every passphrase slot with one for `next`, after checking `current`. */
export async function changePassphrase(
  store: VaultStore,
  input: { current: string; next: string },
  ctx: KeyAdminContext,
): Promise<void> {
  checkPassphrase(input.next);
  const passSlots = store.keyFile.auth.slots.filter((s) => s.kind === 'passphrase');
  if (passSlots.length === 0)
    throw new VaultError('INVALID_ARGUMENT', 'This vault has no passphrase yet; add one instead.');
  let ok = false;
  for (const s of passSlots) {
    const m = await openPassphraseSlot(store.ring.vaultId, s, String(input.current));
    if (m) {
      ok = true;
      wipe(m);
      break;
    }
  }
  if (!ok)
    throw new VaultError(
      'WRONG_PASSPHRASE',
      'The current passphrase is not correct; the passphrase was not changed.',
    );
  const slot = await withMasterCopy(store, (master) =>
    createPassphraseSlot(store.ring.vaultId, master, input.next, ctx.scrypt, store.deps.clock.now()),
  );
  await store.exclusive(() =>
    store.persistKeys([slot, ...store.keyFile.auth.slots.filter((s) => s.kind !== 'passphrase')]),
  );
}

/**
 * New data key for new writes; earlier keys stay in vault.keys for reading what
 * they sealed. Nothing is re-encrypted (see reencryptAll for that).
 */
export async function rotateDataKey(store: VaultStore): Promise<{ keyId: string }> {
  return store.exclusive(async () => {
    const undo = checkpointKeys(store.ring);
    const keyId = addDataKey(store.ring, store.deps.clock.now());
    try {
      await store.persistKeys();
    } catch (err) {
      undo();
      throw err;
    }
    return { keyId };
  });
}
