/**
 * Every expected failure of the vault is a VaultError with a stable code, so the
 * app's error model can map it without parsing messages. Messages are written for
 * the person reading a support ticket: they say what was wrong and, for damage,
 * which file (relative to the vault folder).
 */
export type VaultErrorCode =
  | 'VAULT_LOCKED'
  | 'VAULT_ABSENT'
  | 'VAULT_EXISTS'
  | 'WRONG_PASSPHRASE'
  | 'TOO_MANY_ATTEMPTS'
  | 'STORE_CORRUPT'
  | 'DISK_FULL'
  | 'IO_ERROR'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'UNLOCK_METHOD_UNAVAILABLE';

/** Options carried by a VaultError besides its code and message. */
export interface VaultErrorOptions {
  /** The file concerned, relative to the vault folder (forward slashes). */
  file?: string;
  /** For TOO_MANY_ATTEMPTS (and the failure that starts a back-off): when to try again. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class VaultError extends Error {
  readonly code: VaultErrorCode;
  readonly file?: string;
  readonly retryAfterMs?: number;

  constructor(code: VaultErrorCode, message: string, options: VaultErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VaultError';
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Shorthand for the most common error: damage found in a named file. */
export function corrupt(file: string, problem: string, cause?: unknown): VaultError {
  return new VaultError('STORE_CORRUPT', `Vault file ${file} is damaged or was tampered with: ${problem}`, {
    file,
    cause,
  });
}

export function isVaultError(err: unknown, code?: VaultErrorCode): err is VaultError {
  return err instanceof VaultError && (code === undefined || err.code === code);
}

/**
 * Turns an operating-system error into a VaultError. Disk-full is singled out
 * because the app must tell the user to free space rather than report damage.
 */
export function fromIoError(err: unknown, file: string, action: string): VaultError {
  if (err instanceof VaultError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new VaultError(
      'DISK_FULL',
      `The disk is full: could not ${action} ${file}. Free some space and try again.`,
      {
        file,
        cause: err,
      },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new VaultError('IO_ERROR', `Could not ${action} ${file}: ${detail}`, { file, cause: err });
}
