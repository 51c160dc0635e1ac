/**
 * Finds model packs in the places ARCHITECTURE §5 names: the app's own models/ folder, the
 * managed ModelDirectory set by IT, and the user's folder. A folder is a pack when it holds
 * starring-model.json; a model folder without one is reported so IT knows to run `models pack`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../../common/errors';
import { PACK_MANIFEST_FILE, type PackManifest } from '../../../../common/models/pack-manifest';
import { inspectPack } from './pack-verifier';

/** Where a pack was found; earlier origins win when two packs share an id. */
export type PackOrigin = 'managed' | 'app' | 'user';
const PRECEDENCE: PackOrigin[] = ['managed', 'app', 'user'];

/** A folder to look in and which kind of place it is. */
export interface PackSource {
  dir: string;
  origin: PackOrigin;
}

/** A pack (or would-be pack) found on disk, not yet verified. */
export interface DiscoveredPack {
  dir: string;
  origin: PackOrigin;
  /** Absent when the manifest could not be read (see `problem`). */
  manifest?: PackManifest;
  packHash?: string;
  /** Why the pack cannot be used as found, in words (missing file, bad manifest, shadowed). */
  problem?: string;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function candidateDirs(root: string): Promise<string[]> {
  if (await isFile(join(root, PACK_MANIFEST_FILE))) return [root];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(root, entry.name);
    if ((await isFile(join(dir, PACK_MANIFEST_FILE))) || (await isFile(join(dir, 'config.json'))))
      dirs.push(dir);
  }
  return dirs.sort();
}

async function describe(dir: string, origin: PackOrigin): Promise<DiscoveredPack> {
  if (!(await isFile(join(dir, PACK_MANIFEST_FILE)))) {
    return { dir, origin, problem: 'no starring-model.json: run `starring models pack` on this folder' };
  }
  try {
    const { manifest, packHash, problem } = await inspectPack(dir);
    return { dir, origin, manifest, packHash, ...(problem ? { problem } : {}) };
  } catch (error) {
    return { dir, origin, problem: error instanceof AppError ? error.message : String(error) };
  }
}

/** All packs under the sources (missing folders are skipped), sorted by precedence then path. */
export async function discoverPacks(sources: PackSource[]): Promise<DiscoveredPack[]> {
  const found: DiscoveredPack[] = [];
  const seenDirs = new Set<string>();
  const ordered = [...sources].sort((a, b) => PRECEDENCE.indexOf(a.origin) - PRECEDENCE.indexOf(b.origin));
  for (const source of ordered) {
    for (const dir of await candidateDirs(resolve(source.dir))) {
      if (seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      found.push(await describe(dir, source.origin));
    }
  }
  const winners = new Map<string, DiscoveredPack>();
  for (const pack of found) {
    const id = pack.manifest?.id;
    if (!id) continue;
    const first = winners.get(id);
    if (!first) winners.set(id, pack);
    else
      pack.problem ??= `shadowed by the pack with the same id in ${first.origin === 'user' ? 'your' : `the ${first.origin}`} folder`;
  }
  return found;
}

/** The usable pack with this id (the first by precedence), or undefined. */
export function findPack(packs: DiscoveredPack[], id: string): DiscoveredPack | undefined {
  return packs.find((pack) => pack.manifest?.id === id && !pack.problem?.startsWith('shadowed'));
}
