/**
 * The device's Ed25519 key pair: it signs checkpoints and bundle manifests. Created at first run;
 * the private key is kept only sealed (through the store's Sealer) beside the audit log.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../common/errors';
import { fsyncDirectory } from '../fs/atomic-write';
import type { Sealer } from './sealer';

/** What the audit log needs of the device: a stable id and a signing key. */
export interface DeviceIdentity {
  /** 32 lowercase hex digits: the first 128 bits of SHA-256 over the public key's SPKI DER. */
  readonly deviceId: string;
  readonly publicKeyPem: string;
  /** Ed25519 signature (64 bytes) over `data`. */
  sign(data: Uint8Array): Buffer;
}

/** The sealed PKCS#8 private key, beside the store's files. */
export const DEVICE_KEY_FILE = 'device-key.sealed';
const DEVICE_KEY_AAD = 'starring-audit/v1|device-key';

/**
 * Derives the device id from the key, so a verifier can check that a key belongs to the id it is
 * filed under: `openssl pkey -pubin -in key.pem -outform DER | sha256sum | cut -c1-32`.
 */
export function deviceIdFromPublicKey(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 32);
}

/** An identity around an existing Ed25519 private key. */
export function identityFromPrivateKey(privateKey: KeyObject): DeviceIdentity {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AppError('INVALID_ARGUMENT', 'The device key must be an Ed25519 key.');
  }
  const publicKey = createPublicKey(privateKey);
  return {
    deviceId: deviceIdFromPublicKey(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => sign(null, data, privateKey),
  };
}

/** A throw-away identity for tests and in-memory logs. */
export function createEphemeralIdentity(): DeviceIdentity {
  return identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** Loads the device key from `dir`, or undefined when none was created yet (readers never create one). */
export async function loadDeviceIdentity(dir: string, sealer: Sealer): Promise<DeviceIdentity | undefined> {
  const existing = await readIfExists(join(dir, DEVICE_KEY_FILE));
  return existing ? openSealedKey(existing, sealer) : undefined;
}

/**
 * Loads the device key from `dir`, creating it on first run. Creation writes a temp file and
 * hard-links it into place, which fails if another process got there first; we then load theirs,
 * so two processes can never end up with two identities.
 */
export async function loadOrCreateDeviceIdentity(dir: string, sealer: Sealer): Promise<DeviceIdentity> {
  const file = join(dir, DEVICE_KEY_FILE);
  const existing = await readIfExists(file);
  if (existing) return openSealedKey(existing, sealer);

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const sealed = sealer.seal(DEVICE_KEY_AAD, der);
  der.fill(0);
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(sealed);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await rm(temp, { force: true });
    return openSealedKey(await readFile(file), sealer);
  }
  await rm(temp, { force: true });
  await fsyncDirectory(dir);
  return identityFromPrivateKey(privateKey);
}

function openSealedKey(sealed: Buffer, sealer: Sealer): DeviceIdentity {
  let der: Buffer;
  try {
    der = sealer.open(DEVICE_KEY_AAD, sealed);
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError('STORE_CORRUPT', `The device key (${DEVICE_KEY_FILE}) could not be opened.`, {
        details: { file: DEVICE_KEY_FILE },
      });
    }
    throw error;
  }
  try {
    return identityFromPrivateKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  } finally {
    der.fill(0);
  }
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
