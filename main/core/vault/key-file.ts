import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { isNotFound, type FileSystem } from './file-system';
import { canonicalJson, hmac, sha256 } from './vault-crypto';
import { corrupt, fromIoError } from './vault-errors';

export const KEY_FILE = 'vault.keys';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const id = z.string().min(1).max(200);

const passphraseSlot = z.object({
  id,
  kind: z.literal('passphrase'),
  createdAt: z.number().int(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: b64,
  }),
  wrap: b64,
});
const keystoreSlot = z.object({
  id,
  kind: z.literal('os-keystore'),
  createdAt: z.number().int(),
  backend: z.string().max(100),
  /** The slot key as protected by the OS keystore (opaque to us). */
  protected: b64,
  /** The master key sealed under the slot key, so a keystore returning a wrong key is detected. */
  wrap: b64,
});
const recoverySlot = z.object({
  id,
  kind: z.literal('recovery'),
  createdAt: z.number().int(),
  alg: z.literal('RSA-OAEP-SHA256'),
  /** SHA-256 of the public key's DER SubjectPublicKeyInfo, hex. */
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  wrap: b64,
});
const slot = z.discriminatedUnion('kind', [passphraseSlot, keystoreSlot, recoverySlot]);

const dataKeyEntry = z.object({
  id,
  workspace: id,
  createdAt: z.number().int(),
  current: z.boolean(),
  wrap: b64,
});
const subjectKeyEntry = z.object({
  id,
  /** Pseudonym of the data subject (HMAC under the naming key), never the subject id itself. */
  subjectRef: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.number().int(),
  current: z.boolean(),
  wrap: b64,
});

const auth = z.object({
  /** Bumped on every change of the authenticated part; vault.head records it to catch rollback. */
  epoch: z.number().int().nonnegative(),
  cipher: z.enum(['aes-256-gcm', 'identity']),
  slots: z.array(slot),
  namingKey: b64,
  dataKeys: z.array(dataKeyEntry),
  subjectKeys: z.array(subjectKeyEntry),
});

const keyFile = z.object({
  format: z.literal('starring-vault-keys'),
  v: z.literal(1),
  vaultId: id,
  createdAt: z.number().int(),
  auth,
  /** HMAC-SHA256 under a key derived from the master key, over canonical JSON of {vaultId, auth}. */
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

export type PassphraseSlot = z.infer<typeof passphraseSlot>;
export type KeystoreSlot = z.infer<typeof keystoreSlot>;
export type RecoverySlot = z.infer<typeof recoverySlot>;
export type UnlockSlot = z.infer<typeof slot>;
export type DataKeyEntry = z.infer<typeof dataKeyEntry>;
export type SubjectKeyEntry = z.infer<typeof subjectKeyEntry>;
export type KeyFileAuth = z.infer<typeof auth>;
export type KeyFile = z.infer<typeof keyFile>;

/**
 * Layout: one line of JSON, then one line with the SHA-256 (hex) of that line's
 * bytes. The checksum catches accidental damage before any key is known (so a
 * flipped bit is reported as damage, not as a wrong passphrase); the MAC inside
 * catches deliberate edits once the master key is unwrapped.
 */
export function encodeKeyFile(file: KeyFile): Buffer {
  const body = JSON.stringify(file);
  return Buffer.from(`${body}\n${sha256(body).toString('hex')}\n`, 'utf8');
}

export function decodeKeyFile(bytes: Buffer): KeyFile {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  if (lines.length !== 3 || lines[2] !== '')
    throw corrupt(KEY_FILE, 'unexpected layout (expected a JSON line and a checksum line)');
  const [body, sum] = lines as [string, string, string];
  if (sha256(body).toString('hex') !== sum) throw corrupt(KEY_FILE, 'checksum mismatch');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw corrupt(KEY_FILE, 'not valid JSON', err);
  }
  const result = keyFile.safeParse(parsed);
  if (!result.success)
    throw corrupt(KEY_FILE, `unexpected structure (${result.error.issues[0]?.message ?? 'invalid'})`);
  return result.data;
}

export function keyFileMac(macKey: Buffer, vaultId: string, a: KeyFileAuth): string {
  return hmac(macKey, canonicalJson({ vaultId, auth: a })).toString('hex');
}

/** Hash of the authenticated part, recorded in vault.head so an old or foreign key file is noticed. */
export function keyAuthHash(vaultId: string, a: KeyFileAuth): string {
  return sha256(canonicalJson({ vaultId, auth: a })).toString('hex');
}

/** vault.keys, or undefined when there is none. */
export async function readKeyFile(fs: FileSystem, dir: string): Promise<KeyFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(join(dir, KEY_FILE));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw fromIoError(err, KEY_FILE, 'read');
  }
  return decodeKeyFile(bytes);
}

export async function writeKeyFile(fs: FileSystem, dir: string, file: KeyFile): Promise<void> {
  try {
    await writeFileAtomic(fs, join(dir, KEY_FILE), encodeKeyFile(file));
  } catch (err) {
    throw fromIoError(err, KEY_FILE, 'write');
  }
}
