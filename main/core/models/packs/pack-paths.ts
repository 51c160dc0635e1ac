/**
 * Keeps every file access inside the pack folder. The manifest schema already refuses `..` and
 * absolute paths; this is the second lock on the file system side: resolved paths must stay under
 * the folder, and files must be regular files, not symlinks that could point anywhere.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PACK_MANIFEST_FILE, unsafePackPath } from '../../../../common/models/pack-manifest';

/** The absolute path of `relPath` inside `packDir`, or an Error saying why it is refused. */
export function resolveInsidePack(packDir: string, relPath: string): string | Error {
  const problem = unsafePackPath(relPath);
  if (problem) return new Error(`file path "${relPath}" ${problem}`);
  const root = resolve(packDir);
  const full = resolve(root, ...relPath.split('/'));
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return new Error(`file path "${relPath}" resolves outside the pack folder`);
  }
  return full;
}

/**
 * Checks the file is a regular file whose real location is inside the real pack folder (so a
 * symlinked parent directory cannot smuggle it out either). Returns its size.
 */
export async function regularFileInside(packDir: string, full: string): Promise<number> {
  const stat = await lstat(full);
  if (!stat.isFile()) throw new Error('is not a regular file (symlinks and folders are refused)');
  const [realRoot, realFile] = await Promise.all([realpath(packDir), realpath(full)]);
  if (!realFile.startsWith(realRoot + sep)) throw new Error('lives outside the pack folder');
  return stat.size;
}

/**
 * Every regular file under the pack, as pack-relative POSIX paths, sorted. Skips the manifest and
 * dot-folders (a `.git` clone, a `.cache`): transformers.js never reads those. Symlinks are
 * reported so the caller can refuse them.
 */
export async function listPackFiles(packDir: string): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = [];
  const links: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) links.push(rel);
      else if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) await walk(join(dir, entry.name), rel);
      } else if (entry.isFile() && rel !== PACK_MANIFEST_FILE) files.push(rel);
    }
  }
  await walk(packDir, '');
  return { files: files.sort(), links: links.sort() };
}
