import {
  createHash,
  createPrivateKey,
  createPublicKey,
  constants,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  scrypt,
} from 'node:crypto';
import type { KeyProvider } from './key-provider';
import type { KeystoreSlot, PassphraseSlot, RecoverySlot } from './key-file';
import { AuthenticationError, KEY_BYTES, aad, aesGcm, randomId, randomKey, wipe } from './vault-crypto';
import { VaultError } from './vault-errors';

/** scrypt cost parameters; stored with each passphrase wrap so they can be raised later. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^17, r=8, p=1: 128 MiB of memory and about 350 ms on the project's 2-core
 * EPYC test machine (measured), above the 250 ms floor we want against guessing.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

// Parameters come from a file an attacker may edit: refuse ones that would hang or exhaust memory.
const MAX_N = 2 ** 22;
const MAX_R = 32;
const MAX_P = 16;

export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (
    !powerOfTwo ||
    N > MAX_N ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > MAX_R ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > MAX_P
  ) {
    throw new VaultError('INVALID_ARGUMENT', `scrypt parameters out of range (N=${N}, r=${r}, p=${p})`);
  }
}

function deriveKek(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  // Node refuses scrypt above `maxmem` (32 MiB by default); the working set is 128·N·r·p bytes.
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function checkPassphrase(passphrase: unknown): asserts passphrase is string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new VaultError('INVALID_ARGUMENT', 'A passphrase must be a non-empty string.');
  }
  if (passphrase.length > 1024)
    throw new VaultError('INVALID_ARGUMENT', 'The passphrase is longer than 1024 characters.');
}

export async function createPassphraseSlot(
  vaultId: string,
  master: Buffer,
  passphrase: string,
  params: ScryptParams,
  now: number,
): Promise<PassphraseSlot> {
  checkPassphrase(passphrase);
  const id = randomId('p-');
  const salt = randomBytes(16);
  const kek = await deriveKek(passphrase, salt, params);
  try {
    const wrap = aesGcm.seal(kek, master, aad('slot', vaultId, id, 'passphrase')).toString('base64');
    return {
      id,
      kind: 'passphrase',
      createdAt: now,
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      wrap,
    };
  } finally {
    wipe(kek);
  }
}

/** The master key, or undefined when the passphrase is wrong. */
export async function openPassphraseSlot(
  vaultId: string,
  slot: PassphraseSlot,
  passphrase: string,
): Promise<Buffer | undefined> {
  const { N, r, p, salt } = slot.kdf;
  const kek = await deriveKek(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  try {
    return aesGcm.open(kek, Buffer.from(slot.wrap, 'base64'), aad('slot', vaultId, slot.id, 'passphrase'));
  } catch (err) {
    if (err instanceof AuthenticationError) return undefined;
    throw err;
  } finally {
    wipe(kek);
  }
}

async function requireSecureKeystore(
  provider: KeyProvider | undefined,
): Promise<{ provider: KeyProvider; backend: string }> {
  if (!provider) {
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      'No OS keystore is available in this process; unlock with your passphrase.',
    );
  }
  const backend = await provider.backend();
  if (!(await provider.isSecure())) {
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      `The OS keystore backend "${backend}" does not protect keys (on Linux this means no keyring such as GNOME Keyring or KWallet is running, ` +
        'so a hard-coded key would be used). The vault will not rely on it: use your passphrase instead.',
    );
  }
  return { provider, backend };
}

/**
 * The keystore protects a random slot key, and the slot key seals the master key:
 * if the keystore ever hands back a different key (keyring switched, profile
 * restored elsewhere) we notice instead of decrypting garbage.
 */
export async function createKeystoreSlot(
  vaultId: string,
  master: Buffer,
  providerIn: KeyProvider | undefined,
  now: number,
): Promise<KeystoreSlot> {
  const { provider, backend } = await requireSecureKeystore(providerIn);
  const id = randomId('k-');
  const slotKey = randomKey();
  try {
    const protectedKey = await provider.encrypt(slotKey);
    const wrap = aesGcm.seal(slotKey, master, aad('slot', vaultId, id, 'os-keystore')).toString('base64');
    return {
      id,
      kind: 'os-keystore',
      createdAt: now,
      backend,
      protected: protectedKey.toString('base64'),
      wrap,
    };
  } finally {
    wipe(slotKey);
  }
}

export async function openKeystoreSlot(
  vaultId: string,
  slot: KeystoreSlot,
  providerIn: KeyProvider | undefined,
): Promise<Buffer> {
  const { provider, backend } = await requireSecureKeystore(providerIn);
  let slotKey: Buffer;
  try {
    slotKey = await provider.decrypt(Buffer.from(slot.protected, 'base64'));
  } catch (err) {
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      `The OS keystore ("${backend}") could not decrypt this vault's key (it was stored with "${slot.backend}"; the keyring may have been reset or switched). Unlock with your passphrase or recovery key.`,
      { cause: err },
    );
  }
  try {
    return aesGcm.open(
      slotKey,
      Buffer.from(slot.wrap, 'base64'),
      aad('slot', vaultId, slot.id, 'os-keystore'),
    );
  } catch (err) {
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      `The OS keystore ("${backend}") returned a different key than the one this vault was locked with. Unlock with your passphrase or recovery key.`,
      { cause: err },
    );
  } finally {
    wipe(slotKey);
  }
}

/** SHA-256 of the DER SubjectPublicKeyInfo: identifies which organisation key a slot needs. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

function oaepLabel(vaultId: string, slotId: string): Buffer {
  return aad('slot', vaultId, slotId, 'recovery');
}

/**
 * Recovery slot: the master key encrypted to the organisation's RSA public key
 * with RSA-OAEP (SHA-256, label bound to vault and slot). RSA was chosen over
 * X25519 because IT departments hold RSA keys in PEM from their existing PKI and
 * can use them off-line with stock tools.
 */
export function createRecoverySlot(
  vaultId: string,
  master: Buffer,
  publicKeyPem: string,
  now: number,
): RecoverySlot {
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (err) {
    throw new VaultError('INVALID_ARGUMENT', 'The recovery public key is not a valid PEM public key.', {
      cause: err,
    });
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new VaultError(
      'INVALID_ARGUMENT',
      'The recovery public key must be an RSA key of at least 2048 bits.',
    );
  }
  const id = randomId('r-');
  const wrap = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: oaepLabel(vaultId, id) },
    master,
  );
  return {
    id,
    kind: 'recovery',
    createdAt: now,
    alg: 'RSA-OAEP-SHA256',
    keyFingerprint: publicKeyFingerprint(publicKeyPem),
    wrap: wrap.toString('base64'),
  };
}

/** The master key, or undefined when `privateKeyPem` does not open this slot. */
export function openRecoverySlot(
  vaultId: string,
  slot: RecoverySlot,
  privateKeyPem: string,
): Buffer | undefined {
  const key = createPrivateKey(privateKeyPem);
  try {
    const master = privateDecrypt(
      {
        key,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
        oaepLabel: oaepLabel(vaultId, slot.id),
      },
      Buffer.from(slot.wrap, 'base64'),
    );
    return master.length === KEY_BYTES ? master : undefined;
  } catch {
    return undefined;
  }
}

export function privateKeyFingerprint(privateKeyPem: string): string {
  let pub: string;
  try {
    pub = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  } catch (err) {
    throw new VaultError('INVALID_ARGUMENT', 'The recovery private key is not a valid PEM private key.', {
      cause: err,
    });
  }
  return publicKeyFingerprint(pub);
}
