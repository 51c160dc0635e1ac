import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** Bytes a sealed message adds to its plaintext: nonce in front, tag behind. */
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** Thrown when a ciphertext does not authenticate; callers turn it into STORE_CORRUPT naming their file. */
export class AuthenticationError extends Error {
  constructor(message = 'authentication tag mismatch') {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * How the data files (snapshot, journal, blobs) are sealed. Production uses
 * AES-256-GCM; the identity strategy exists ONLY so the benchmark can measure
 * what encryption costs in the same run (open_ratio_encrypted_plain). It keeps
 * the exact same layout (zero nonce and tag) so both runs do the same I/O.
 */
export interface CipherStrategy {
  readonly name: 'aes-256-gcm' | 'identity';
  /** Returns nonce ‖ ciphertext ‖ tag. A fresh random 96-bit nonce every call. */
  seal(key: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer;
  /** Inverse of seal; throws AuthenticationError when anything was altered. */
  open(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer;
  /**
   * Streaming form of seal for large files: the caller writes `nonce`, then each
   * update()'s output, then final()'s tag. Lets compaction seal a snapshot in
   * small steps interleaved with saves instead of one long block.
   */
  sealer(key: Buffer, aad: Buffer): Sealer;
}

/** An in-progress seal; see CipherStrategy.sealer. */
export interface Sealer {
  readonly nonce: Buffer;
  update(part: Uint8Array): Buffer;
  /** The authentication tag. */
  final(): Buffer;
}

export const aesGcm: CipherStrategy = {
  name: 'aes-256-gcm',
  seal(key, plaintext, aad) {
    const nonce = randomBytes(NONCE_BYTES);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(aad);
    const out = Buffer.allocUnsafe(NONCE_BYTES + plaintext.length + TAG_BYTES);
    nonce.copy(out, 0);
    const body = c.update(plaintext);
    body.copy(out, NONCE_BYTES);
    let pos = NONCE_BYTES + body.length;
    const fin = c.final();
    fin.copy(out, pos);
    pos += fin.length;
    c.getAuthTag().copy(out, pos);
    return out;
  },
  sealer(key, aad) {
    const nonce = randomBytes(NONCE_BYTES);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(aad);
    return {
      nonce,
      update: (part) => c.update(part),
      final() {
        c.final();
        return c.getAuthTag();
      },
    };
  },
  open(key, sealed, aad) {
    if (sealed.length < SEAL_OVERHEAD) throw new AuthenticationError('ciphertext too short');
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE_BYTES));
    d.setAAD(aad);
    d.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    const body = d.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES));
    try {
      const fin = d.final();
      return fin.length === 0 ? body : Buffer.concat([body, fin]);
    } catch {
      body.fill(0);
      throw new AuthenticationError();
    }
  },
};

/** BENCHMARK ONLY: no confidentiality, no integrity. Never reachable from the app. */
export const identityCipher: CipherStrategy = {
  name: 'identity',
  seal(_key, plaintext) {
    const out = Buffer.alloc(NONCE_BYTES + plaintext.length + TAG_BYTES);
    out.set(plaintext, NONCE_BYTES);
    return out;
  },
  open(_key, sealed) {
    if (sealed.length < SEAL_OVERHEAD) throw new AuthenticationError('ciphertext too short');
    return Buffer.from(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES));
  },
  sealer() {
    return {
      nonce: Buffer.alloc(NONCE_BYTES),
      update: (part) => Buffer.from(part),
      final: () => Buffer.alloc(TAG_BYTES),
    };
  },
};

export function cipherByName(name: string): CipherStrategy | undefined {
  return name === aesGcm.name ? aesGcm : name === identityCipher.name ? identityCipher : undefined;
}

/**
 * Associated data: a domain label and the identifiers a ciphertext is bound to,
 * each length-prefixed so no two different lists encode the same bytes.
 */
export function aad(role: string, ...parts: Array<string | number | Uint8Array>): Buffer {
  const pieces: Buffer[] = [];
  for (const part of ['starring-vault/v1', role, ...parts]) {
    let b: Buffer;
    if (typeof part === 'string') b = Buffer.from(part, 'utf8');
    else if (typeof part === 'number') {
      b = Buffer.alloc(8);
      b.writeBigUInt64BE(BigInt(part));
    } else b = Buffer.from(part);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    pieces.push(len, b);
  }
  return Buffer.concat(pieces);
}

export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function randomId(prefix: string, bytes = 8): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** Derives a purpose-specific key from the master key, so one leak of a subkey is only that. */
export function deriveKey(master: Buffer, vaultId: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', master, Buffer.from(vaultId, 'utf8'), `starring-vault/${purpose}`, KEY_BYTES),
  );
}

export function sha256(...parts: Array<Uint8Array | string>): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function hmac(key: Buffer, ...parts: Array<Uint8Array | string>): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Zeroes key material we own. Copies inside OpenSSL contexts are beyond our reach. */
export function wipe(...bufs: Array<Buffer | Uint8Array | undefined | null>): void {
  for (const b of bufs) b?.fill(0);
}

/**
 * Deterministic JSON (sorted object keys, no whitespace) so a MAC or hash over a
 * structure does not depend on property order after a parse/serialise round trip.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
