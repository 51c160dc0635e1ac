/**
 * The one error model shared by every side. A failure is classified where it is understood
 * (the vault turns a failed GCM tag into STORE_CORRUPT) and crosses boundaries as plain data:
 * the renderer never sees a stack, a SQL string or a file system path outside the vault.
 */
export const errorCodes = [
  'INVALID_ARGUMENT',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'NOT_FOUND',
  /** A save on a stale version changed a field that was also changed since (documents). */
  'CONFLICT',
  /** The document's current version is signed; amend it to make changes. */
  'DOCUMENT_LOCKED',
  'POLICY_DENIED',
  'VAULT_LOCKED',
  'VAULT_ABSENT',
  'VAULT_EXISTS',
  'UNLOCK_METHOD_UNAVAILABLE',
  'WRONG_PASSPHRASE',
  'TOO_MANY_ATTEMPTS',
  'STORE_CORRUPT',
  'DISK_FULL',
  'IO_ERROR',
  'SYNC_INCOMPATIBLE',
  'MODEL_UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What crosses a process boundary when a call fails. */
export interface AppErrorData {
  code: ErrorCode;
  /** A sentence for people: says what was wrong and, where it can, what to do. */
  message: string;
  /** Dotted path of the offending request field, for INVALID_ARGUMENT. */
  field?: string;
  /** Extra machine-readable facts (policy id that decided, retry delay, file). */
  details?: Record<string, string | number | boolean>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, string | number | boolean> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; details?: AppErrorData['details'] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = extra.field;
    this.details = extra.details;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.field !== undefined) data.field = this.field;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppErrorData): Result<T> {
  return { ok: false, error };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** For exhaustive switches: the compiler proves this is unreachable. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
