/**
 * `npx tsx scripts/make-tiny-packs.ts [--out DIR] [--all]`: writes the tiny model packs (real
 * ONNX graphs, real tokenizers, starring-model.json through the same code as `starring models
 * pack`) to models/generated/ (git-ignored). Deterministic and takes well under a second.
 * --all adds the fault-injection pack the tests use (a decoder that throws mid-generation).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../main/core/app/app-version';
import { packHash } from '../main/core/models/packs/pack-signature';
import { DEFAULT_TINY_PACKS, TINY_PACKS, writeTinyPacks } from '../main/core/models/tiny-packs/tiny-packs';

const { values } = parseArgs({ options: { out: { type: 'string' }, all: { type: 'boolean' } } });
const out = resolve(values.out ?? join(repoRoot, 'models', 'generated'));
const started = performance.now();
const manifests = await writeTinyPacks(out, values.all ? TINY_PACKS : DEFAULT_TINY_PACKS);
for (const manifest of Object.values(manifests)) {
  console.log(
    `${manifest.id.padEnd(18)} ${manifest.tasks.join(', ').padEnd(26)} pack hash ${packHash(manifest)}`,
  );
}
console.log(
  `wrote ${Object.keys(manifests).length} packs to ${out} in ${Math.round(performance.now() - started)} ms`,
);
