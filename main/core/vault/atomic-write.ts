import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { writeAll, type FileSystem, type VaultFileHandle } from './file-system';

/** Writes the content of a new file through its handle (for large files written in steps). */
export type ContentWriter = (fh: VaultFileHandle) => Promise<void>;

/**
 * Replaces `path` with new content so that after a crash the file holds either
 * the old or the new bytes, never a mix: write a temporary file beside it, fsync
 * it, rename over the target, then fsync the folder so the rename itself is
 * durable. On failure the temporary file is removed and the error rethrown.
 */
export async function writeFileAtomic(
  fs: FileSystem,
  path: string,
  data: Uint8Array | ContentWriter,
  options: { syncDir?: boolean } = {},
): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await fs.open(tmp, 'wx');
  try {
    try {
      if (data instanceof Uint8Array) await writeAll(fh, data, 0);
      else await data(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameReplacing(fs, tmp, path);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (options.syncDir !== false) {
    try {
      await fs.syncDir(dirname(path));
    } catch (err) {
      // The new content is already in place (just maybe not durable): callers must
      // not treat this like a write that never happened.
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { afterRename: true });
    }
  }
}

/**
 * On Windows a rename over a file that a virus scanner or indexer has open fails
 * with EPERM/EACCES/EBUSY for a moment; retry briefly before giving up.
 */
async function renameReplacing(fs: FileSystem, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !['EPERM', 'EACCES', 'EBUSY'].includes(code) || attempt >= 8)
        throw err;
      await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** attempt, 500)));
    }
  }
}

/** True when a writeFileAtomic failure happened after the rename (the new file is in place). */
export function failedAfterRename(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { afterRename?: boolean }).afterRename) return true;
  }
  return false;
}

/** Files left by an interrupted writeFileAtomic end in this suffix and are safe to delete. */
export function isTempFile(name: string): boolean {
  return /\.[0-9a-f]{8}\.tmp$/.test(name);
}
