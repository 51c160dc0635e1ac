/**
 * How the audit store encrypts what it writes. The vault provides the production sealer (its
 * audit key); until it is wired, tests and the CLI use the AES-256-GCM sealer below.
 */
import { AppError } from '../../../common/errors';
import { aesGcm, AuthenticationError, KEY_BYTES } from '../vault/vault-crypto';

/** Authenticated encryption bound to associated data (the record's place), as the vault does it. */
export interface Sealer {
  /** Returns an opaque sealed blob; `aad` is authenticated but not stored. */
  seal(aad: string, plain: Buffer): Buffer;
  /** Inverse of seal; throws when the blob or its `aad` was altered. */
  open(aad: string, sealed: Buffer): Buffer;
}

/**
 * AES-256-GCM (fresh 96-bit nonce per record; nonce ‖ ciphertext ‖ tag), reusing the vault's
 * primitive so there is one implementation to review. A failed tag becomes STORE_CORRUPT.
 */
export function createAesGcmSealer(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES) throw new AppError('INVALID_ARGUMENT', 'The audit key must be 32 bytes.');
  const ownKey = Buffer.from(key);
  return {
    seal: (aad, plain) => aesGcm.seal(ownKey, plain, Buffer.from(aad, 'utf8')),
    open(aad, sealed) {
      try {
        return aesGcm.open(ownKey, sealed, Buffer.from(aad, 'utf8'));
      } catch (error) {
        if (error instanceof AuthenticationError) {
          throw new AppError('STORE_CORRUPT', `Audit record ${aad} does not authenticate.`);
        }
        throw error;
      }
    },
  };
}
