import { readFile, rm, writeFile } from 'node:fs/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder (the CLI's admin
 * helpers while the server runs) would corrupt it. A pid file refuses that; a stale one (dead
 * process) is taken over. Returns the release function.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  // Beside the folder, not in it: PGlite expects its folder to hold only its own files.
  const path = `${dir}.lock`;
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(path, 'utf8')).trim());
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new Error(
        `the data folder ${dir} is in use by process ${holder} (embedded PGlite is single-process): stop the server first, or use DATABASE_URL`,
        { cause: error },
      );
    }
    await writeFile(path, String(process.pid));
  }
  return () => rm(path, { force: true });
}
