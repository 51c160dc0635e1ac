import { type Clock, systemClock } from './clock';
import { type FileSystem, createFileSystem } from './file-system';
import { HEAD_FILE, decodeHead, readHeadBytes, writeHead } from './head-file';
import {
  type KeyFile,
  type KeyFileAuth,
  keyAuthHash,
  keyFileMac,
  readKeyFile,
  writeKeyFile,
} from './key-file';
import { openKeyring, wipeKeyring, wrapKeys } from './key-hierarchy';
import { checkKeyEpoch } from './store-open';
import { writeAttempts } from './throttle';
import {
  DEFAULT_SCRYPT,
  type ScryptParams,
  createPassphraseSlot,
  openRecoverySlot,
  privateKeyFingerprint,
} from './unlock-methods';
import { VaultError, corrupt } from './vault-errors';

export interface RecoverVaultOptions {
  dir: string;
  /** The organisation's recovery private key (RSA, PEM), used off-line by IT. */
  privateKeyPem: string;
  /** The passphrase the vault will open with from now on. */
  newPassphrase: string;
  scrypt?: ScryptParams;
  fs?: FileSystem;
  clock?: Clock;
}

/**
 * IT's off-line recovery (departed user, forgotten passphrase): opens the master
 * key with the organisation's private key and re-wraps it under a new passphrase.
 * The previous passphrase and OS-keystore methods are removed (they belong to
 * the previous user); recovery methods are kept; the failed-attempt counter is
 * reset. No data is decrypted or rewritten.
 */
export async function recoverVault(o: RecoverVaultOptions): Promise<{ slotId: string }> {
  const fs = o.fs ?? createFileSystem();
  const clock = o.clock ?? systemClock;
  const keyFile = await readKeyFile(fs, o.dir);
  if (!keyFile) throw new VaultError('VAULT_ABSENT', `There is no vault in ${o.dir}.`);
  const fp = privateKeyFingerprint(o.privateKeyPem);
  const slot = keyFile.auth.slots.find((s) => s.kind === 'recovery' && s.keyFingerprint === fp);
  if (!slot || slot.kind !== 'recovery') {
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      'This vault has no recovery method for the given organisation key.',
    );
  }
  const master = openRecoverySlot(keyFile.vaultId, slot, o.privateKeyPem);
  if (!master)
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      'The organisation key did not open this vault’s recovery method.',
    );
  const ring = openKeyring(keyFile, master, 'default');
  try {
    const headBytes = await readHeadBytes(fs, o.dir);
    if (!headBytes) throw corrupt(HEAD_FILE, 'the file is missing');
    const head = decodeHead(ring.headKey, keyFile.vaultId, headBytes);
    checkKeyEpoch(keyFile, head);
    const now = clock.now();
    const newSlot = await createPassphraseSlot(
      keyFile.vaultId,
      ring.master,
      o.newPassphrase,
      o.scrypt ?? DEFAULT_SCRYPT,
      now,
    );
    const auth: KeyFileAuth = {
      ...keyFile.auth,
      epoch: keyFile.auth.epoch + 1,
      slots: [newSlot, ...keyFile.auth.slots.filter((s) => s.kind === 'recovery')],
      ...wrapKeys(ring),
    };
    const file: KeyFile = { ...keyFile, auth, mac: keyFileMac(ring.macKey, keyFile.vaultId, auth) };
    await writeKeyFile(fs, o.dir, file);
    await writeHead(fs, o.dir, ring.headKey, {
      ...head,
      counter: head.counter + 1,
      keyEpoch: auth.epoch,
      keyAuthHash: keyAuthHash(keyFile.vaultId, auth),
    });
    await writeAttempts(fs, o.dir, { failures: 0, lastFailureAt: null });
    return { slotId: newSlot.id };
  } finally {
    wipeKeyring(ring);
  }
}
