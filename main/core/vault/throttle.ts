import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { isNotFound, type FileSystem } from './file-system';
import { sha256 } from './vault-crypto';
import { corrupt, fromIoError } from './vault-errors';

/**
 * Failed-passphrase counter. It lives in its own small file so a wrong passphrase
 * leaves every other vault file byte-for-byte untouched. It cannot be
 * authenticated (no key is known before unlock), so it slows down guessing at the
 * app's prompt only; off-line guessing is what scrypt's cost is for.
 */
export const ATTEMPTS_FILE = 'vault.attempts';
/** Failures allowed before back-off starts. */
export const FREE_ATTEMPTS = 5;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

export interface AttemptState {
  failures: number;
  lastFailureAt: number | null;
}

const schema = z.object({
  v: z.literal(1),
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.number().int().nullable(),
});

/** Wait imposed after `failures` consecutive failures: 30 s after the 5th, doubling, capped at one hour. */
export function backoffMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (failures - FREE_ATTEMPTS), BACKOFF_MAX_MS);
}

export function retryAfterMs(state: AttemptState, now: number): number {
  if (state.lastFailureAt === null) return 0;
  return Math.max(0, state.lastFailureAt + backoffMs(state.failures) - now);
}

export async function readAttempts(fs: FileSystem, dir: string): Promise<AttemptState> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(join(dir, ATTEMPTS_FILE));
  } catch (err) {
    if (isNotFound(err)) return { failures: 0, lastFailureAt: null };
    throw fromIoError(err, ATTEMPTS_FILE, 'read');
  }
  const lines = bytes.toString('utf8').split('\n');
  if (lines.length !== 3 || lines[2] !== '' || sha256(lines[0] ?? '').toString('hex') !== lines[1]) {
    throw corrupt(ATTEMPTS_FILE, 'checksum mismatch (delete this file to reset the failed-attempt counter)');
  }
  try {
    const parsed = schema.parse(JSON.parse(lines[0] ?? ''));
    return { failures: parsed.failures, lastFailureAt: parsed.lastFailureAt };
  } catch (err) {
    throw corrupt(ATTEMPTS_FILE, 'unexpected content', err);
  }
}

export async function writeAttempts(fs: FileSystem, dir: string, state: AttemptState): Promise<void> {
  const path = join(dir, ATTEMPTS_FILE);
  try {
    if (state.failures === 0) {
      await fs.unlink(path).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
      return;
    }
    const body = JSON.stringify({ v: 1, failures: state.failures, lastFailureAt: state.lastFailureAt });
    await writeFileAtomic(fs, path, Buffer.from(`${body}\n${sha256(body).toString('hex')}\n`));
  } catch (err) {
    throw fromIoError(err, ATTEMPTS_FILE, 'write');
  }
}
