import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';

/** The server master key wraps every private key the database holds (AES-256-GCM). */
export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE = 'server-master.key';

function decode(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`${source} must hold ${MASTER_KEY_BYTES} bytes in base64 (got ${key.length})`);
  }
  return key;
}

/**
 * `STARRING_SERVER_MASTER_KEY` (base64) when set — for instances behind a load balancer that share
 * one database; otherwise `<data>/server-master.key`, created 0600 on first start. Losing it makes
 * the sealed keys (tenant CA, receipt and policy keys) unreadable, so back it up with the database.
 */
export async function loadMasterKey(path: string, envValue: string | undefined): Promise<Buffer> {
  if (envValue) return decode(envValue, 'STARRING_SERVER_MASTER_KEY');
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) await chmod(path, 0o600);
    return decode(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(MASTER_KEY_BYTES);
  // 'wx': two processes starting together must not overwrite each other's key.
  await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
