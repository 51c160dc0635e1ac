/**
 * A throw-away folder of tiny packs for tests and benchmarks: each caller gets its own copy, so
 * tests that damage a pack on purpose cannot disturb each other or models/generated.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackManifest } from '../../../../common/models/pack-manifest';
import { TINY_PACKS, writeTinyPacks, type TinyPackName } from './tiny-packs';

/** A temporary folder of tiny packs. */
export interface TinyPackFixture {
  root: string;
  dir(name: TinyPackName): string;
  manifests: Record<string, PackManifest>;
  cleanup(): Promise<void>;
}

/** Writes the named tiny packs into a new temporary folder. */
export async function createTinyPackFixture(
  names: readonly TinyPackName[] = TINY_PACKS,
): Promise<TinyPackFixture> {
  const root = await mkdtemp(join(tmpdir(), 'starring-packs-'));
  const manifests = await writeTinyPacks(root, names);
  return {
    root,
    dir: (name) => join(root, name),
    manifests,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
