/**
 * Personal data inside an entry's `details`, sealed under the data subject's key (§3). The entry
 * hash covers the ciphertext, so when the vault destroys the subject key (crypto-shredding for a
 * GDPR erasure) the data becomes unreadable while every hash, link and signature still holds.
 */
import { AppError } from '../../../common/errors';
import type { SealedDetails } from '../../../common/audit/entry.schema';
import { aesGcm, AuthenticationError, randomKey } from '../vault/vault-crypto';

/** Implemented by the vault over its per-subject keys. */
export interface SubjectSealer {
  /** Seals under the subject's current key (creating it when the subject is new). */
  seal(subject: string, aad: string, plain: Buffer): { kid: string; ciphertext: Buffer };
  /** Opens; returns undefined when the subject's key was destroyed (shredded). Throws on tampering. */
  open(subject: string, kid: string, aad: string, ciphertext: Buffer): Buffer | undefined;
}

/**
 * Binds a ciphertext to its subject, so it cannot be moved into another subject's entry. The kid is
 * only known once the sealer picked a key, so the sealer binds that itself.
 */
function detailsAad(subject: string): string {
  return `starring-audit/v1|details|${subject}`;
}

/** Seals `data` for `details.sealed`. */
export function sealPersonalData(
  sealer: SubjectSealer,
  subject: string,
  data: Record<string, unknown>,
): SealedDetails {
  const sealed = sealer.seal(subject, detailsAad(subject), Buffer.from(JSON.stringify(data), 'utf8'));
  return { alg: 'A256GCM', subject, kid: sealed.kid, ct: sealed.ciphertext.toString('base64') };
}

/** Opens `details.sealed`: the data, or `{ shredded: true }` when the subject was erased. */
export function openPersonalData(
  sealer: SubjectSealer,
  sealed: SealedDetails,
): { shredded: false; data: Record<string, unknown> } | { shredded: true } {
  const plain = sealer.open(
    sealed.subject,
    sealed.kid,
    detailsAad(sealed.subject),
    Buffer.from(sealed.ct, 'base64'),
  );
  if (plain === undefined) return { shredded: true };
  return { shredded: false, data: JSON.parse(plain.toString('utf8')) as Record<string, unknown> };
}

/** In-memory subject keys with shredding; for tests until the vault provides the real sealer. */
export interface MemorySubjectSealer extends SubjectSealer {
  /** Destroys every key of `subject`. */
  shred(subject: string): void;
}

export function createMemorySubjectSealer(): MemorySubjectSealer {
  const keys = new Map<string, { kid: string; key: Buffer }>();
  let next = 0;
  return {
    seal(subject, aad, plain) {
      let entry = keys.get(subject);
      if (!entry) {
        next += 1;
        entry = { kid: `k${next}`, key: randomKey() };
        keys.set(subject, entry);
      }
      return {
        kid: entry.kid,
        ciphertext: aesGcm.seal(entry.key, plain, Buffer.from(`${aad}|${entry.kid}`)),
      };
    },
    open(subject, kid, aad, ciphertext) {
      const entry = keys.get(subject);
      if (!entry || entry.kid !== kid) return undefined;
      try {
        return aesGcm.open(entry.key, ciphertext, Buffer.from(`${aad}|${kid}`));
      } catch (error) {
        if (error instanceof AuthenticationError) {
          throw new AppError('STORE_CORRUPT', `Sealed details of subject ${subject} do not authenticate.`);
        }
        throw error;
      }
    },
    shred(subject) {
      keys.get(subject)?.key.fill(0);
      keys.delete(subject);
    },
  };
}
