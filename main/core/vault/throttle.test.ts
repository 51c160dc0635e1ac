import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSystem } from './file-system';
import {
  ATTEMPTS_FILE,
  BACKOFF_BASE_MS,
  backoffMs,
  readAttempts,
  retryAfterMs,
  writeAttempts,
} from './throttle';

describe('throttle', () => {
  let dir = '';
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('backs off exponentially from the fifth failure', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([0, 0, 0, 0]);
    expect(backoffMs(5)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(6)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffMs(40)).toBe(60 * 60_000);
    expect(retryAfterMs({ failures: 5, lastFailureAt: 1000 }, 1000 + BACKOFF_BASE_MS - 1)).toBe(1);
    expect(retryAfterMs({ failures: 5, lastFailureAt: 1000 }, 1000 + BACKOFF_BASE_MS)).toBe(0);
  });

  it('persists the counter and reports a damaged file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'throttle-'));
    const fs = createFileSystem();
    expect(await readAttempts(fs, dir)).toEqual({ failures: 0, lastFailureAt: null });
    await writeAttempts(fs, dir, { failures: 3, lastFailureAt: 42 });
    expect(await readAttempts(fs, dir)).toEqual({ failures: 3, lastFailureAt: 42 });
    await writeFile(join(dir, ATTEMPTS_FILE), '{"v":1,"failures":0,"lastFailureAt":null}\nxx\n');
    await expect(readAttempts(fs, dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT', file: ATTEMPTS_FILE });
    await writeAttempts(fs, dir, { failures: 0, lastFailureAt: null });
    expect(await readAttempts(fs, dir)).toEqual({ failures: 0, lastFailureAt: null });
  });
});
