import { AppError } from '../../../common/errors';
import { VaultError } from '../vault';

/**
 * The vault classifies its own failures; this carries them into the app's error model with the
 * facts the UI needs (which file is damaged, when to retry), and nothing else.
 */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof VaultError)) return error;
  const details: Record<string, string | number> = {};
  if (error.file !== undefined) details.file = error.file;
  if (error.retryAfterMs !== undefined) details.retryAfterMs = error.retryAfterMs;
  const code = error.code === 'VAULT_EXISTS' ? 'VAULT_EXISTS' : error.code;
  return new AppError(code, error.message, Object.keys(details).length > 0 ? { details } : {});
}

/** Runs `work`, rethrowing vault failures as AppErrors. */
export async function mapVaultErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}
