/**
 * One writer per audit directory: two processes appending to the same segment would interleave
 * records and break the chain. A lock file holds the writer's pid; a lock left by a dead process
 * is taken over. Readers (CLI tail, siem) take no lock and never modify files.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../common/errors';

export const LOCK_FILE = 'writer.lock';

export interface StoreLock {
  release(): Promise<void>;
}

export async function acquireStoreLock(dir: string): Promise<StoreLock> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (pid === process.pid) {
        throw new AppError('INTERNAL', 'The audit log is already open for writing in this process.');
      }
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new AppError('INTERNAL', `The audit log is in use by another StarRing process (pid ${pid}).`);
      }
      // Stale (its process is gone, or the file is unreadable): remove and try once more.
      await rm(path, { force: true });
    }
  }
  throw new AppError('INTERNAL', 'Could not take the audit log writer lock.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
