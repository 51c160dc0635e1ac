import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/errors';
import { createAesGcmSealer, type Sealer } from '../audit/sealer';
import type { VaultService } from '../vault';

/** Where the audit log's own AES key lives: inside the vault, so it is as protected as the documents. */
const AUDIT_KEY_SETTING = 'audit.sealKey.v1';

/**
 * The sealer of the audit segment files, keyed by a random key kept in the unlocked vault. Created
 * on first use when `create` is set; otherwise its absence means there is no audit log here.
 */
export async function auditSealerFromVault(vault: VaultService, create: boolean): Promise<Sealer> {
  const stored = await vault.settings.get(AUDIT_KEY_SETTING);
  if (typeof stored === 'string') {
    const key = Buffer.from(stored, 'base64');
    try {
      return createAesGcmSealer(key);
    } finally {
      key.fill(0);
    }
  }
  if (stored !== undefined) {
    throw new AppError('STORE_CORRUPT', 'The audit key stored in the vault is malformed.');
  }
  if (!create) throw new AppError('NOT_FOUND', 'This vault has no audit log yet.');
  const key = randomBytes(32);
  try {
    await vault.settings.set(AUDIT_KEY_SETTING, key.toString('base64'));
    return createAesGcmSealer(key);
  } finally {
    key.fill(0);
  }
}
