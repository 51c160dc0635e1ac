/**
 * The inference worker as the desktop app ships it: scripts/build-electron.mjs bundles
 * inference.worker.ts into dist/worker/inference.worker.mjs, which the shell starts in a
 * utilityProcess. Electron is absent here, so the same bundle is started as a worker thread (the
 * worker speaks to either host) and must chat and embed on the tiny packs exactly like the source.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../main/core/app/app-version';
import { verifyPack } from '../../main/core/models/packs/pack-verifier';
import { createLocalRuntime, type LocalRuntime } from '../../main/core/models/runtime/local-runtime';
import { nodeWorkerLauncher } from '../../main/core/models/runtime/worker-host';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';

let fixture: TinyPackFixture;
let runtime: LocalRuntime;

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-electron.mjs')], { cwd: repoRoot });
  fixture = await createTinyPackFixture();
  const entry = pathToFileURL(join(repoRoot, 'dist', 'worker', 'inference.worker.mjs'));
  runtime = createLocalRuntime({
    verify: (dir, o) => verifyPack(dir, { allowlist: null, ...o }),
    launcher: nodeWorkerLauncher({ entry }),
  });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await fixture?.cleanup();
});

it('the bundled worker chats and embeds on the tiny packs', async () => {
  const chat = await runtime.chat(
    fixture.dir('tiny-gpt2'),
    { messages: [{ role: 'user', content: 'Check the torque table.' }], maxNewTokens: 8, temperature: 0 },
    {},
  );
  expect(chat.text.length).toBeGreaterThan(0);
  const embedded = await runtime.embed(fixture.dir('tiny-bert'), ['lock-out tag-out'], {});
  expect(embedded.vectors).toHaveLength(1);
  expect(embedded.vectors[0]!.length).toBeGreaterThan(0);
});
