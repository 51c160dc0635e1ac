/**
 * "Not a byte leaves the building": runs pack discovery, verification, model load and inference
 * (chat, embeddings, token classification) in a child Node process whose every thread — the main
 * thread and the inference worker — has its socket, DNS, http(s) and fetch entry points replaced
 * by a `--require` hook that records and throws. The run must succeed with nothing recorded; a
 * deliberate fetch at the end proves the hook was live.
 *
 * The child runs esbuild bundles (main and worker), as the packaged app does, not tsx: tsx's loader
 * itself connects to a local IPC socket of its CLI, which would be noise from the dev tooling.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../main/core/app/app-version';

const HOOK = String.raw`
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');
const log = process.env.NET_HOOK_LOG;
fs.appendFileSync(log, JSON.stringify({ loaded: threadId }) + '\n');
function record(what) {
  fs.appendFileSync(log, JSON.stringify({ attempt: what, thread: threadId }) + '\n');
  throw new Error('a socket was opened: ' + what);
}
const net = require('node:net'), tls = require('node:tls'), dns = require('node:dns');
const http = require('node:http'), https = require('node:https');
net.Socket.prototype.connect = function () { record('net.Socket.connect'); };
const table = [[net, ['connect', 'createConnection'], 'net'], [tls, ['connect'], 'tls'], [http, ['request', 'get'], 'http'],
  [https, ['request', 'get'], 'https'], [dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns']];
for (const [mod, names, label] of table) for (const name of names) mod[name] = () => record(label + '.' + name);
dns.promises.lookup = async () => record('dns.promises.lookup');
globalThis.fetch = async () => record('fetch');
require('node:module').syncBuiltinESMExports();
`;

const module = (path: string): string => join(repoRoot, path).replaceAll('\\', '/');

const CHILD = `
import { writeTinyPacks } from '${module('main/core/models/tiny-packs/tiny-packs.ts')}';
import { createModelsService } from '${module('main/core/models/service/models.service.ts')}';
import { nodeWorkerLauncher } from '${module('main/core/models/runtime/worker-host.ts')}';
const root = process.env.PACKS_DIR;
await writeTinyPacks(root);
const service = createModelsService({
  sources: [{ dir: root, origin: 'app' }],
  policy: () => ({ allowOnPrem: false, deidentifyBeforeOnPrem: false, allowlist: null, requireSignedPacks: false }),
  runtimeOptions: { launcher: nodeWorkerLauncher({ entry: new URL('./inference.worker.js', import.meta.url) }) },
});
const signal = new AbortController().signal;
const verifyEvents = [];
await service.verify({ id: 'tiny-gpt2' }, (e) => verifyEvents.push(e), signal);
const tokens = [];
const chat = await service.chat(
  { messages: [{ role: 'user', content: 'Patient note: stable.' }], task: 'chat', classification: 'phi', maxTokens: 8, temperature: 0 },
  (e) => e.type === 'token' && tokens.push(e.text), signal);
const embed = await service.embed({ texts: ['a', 'b'], priority: 'background' }, () => {}, signal);
const entities = await service.runtime.classifyTokens(root + '/tiny-bert-ner', 'MRN 12345');
const stats = await service.runtime.stats();
await service.close();
let control = 'fetch was not blocked';
try { await fetch('http://127.0.0.1:9/'); } catch (error) { control = String(error.message); }
console.log(JSON.stringify({
  verified: verifyEvents.at(-1), chat: chat.audit, embed: embed.audit, entities: entities.entities.length,
  workerBlocked: stats.worker.blockedNetworkAttempts, control,
}));
`;

let dir: string;
beforeAll(async () => {
  // Inside the checkout (git-ignored .tmp/) so the bundles resolve node_modules like the app does.
  await mkdir(join(repoRoot, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(repoRoot, '.tmp', 'nonet-'));
  await writeFile(join(dir, 'hook.cjs'), HOOK);
  await writeFile(join(dir, 'child.ts'), CHILD);
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  } as const;
  await build({ ...common, entryPoints: [join(dir, 'child.ts')], outfile: join(dir, 'child.js') });
  await build({
    ...common,
    entryPoints: [join(repoRoot, 'main/core/models/worker/inference.worker.ts')],
    outfile: join(dir, 'inference.worker.js'),
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('loads and runs models with every socket, DNS and HTTP entry point trapped, in every thread', async () => {
  const logFile = join(dir, 'net.log');
  const env: NodeJS.ProcessEnv = { ...process.env, NET_HOOK_LOG: logFile, PACKS_DIR: join(dir, 'packs') };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, ['--require', join(dir, 'hook.cjs'), join(dir, 'child.js')], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).not.toMatch(/Error/);
  expect(child.status).toBe(0);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  expect(result.verified).toMatchObject({ type: 'result', ok: true });
  expect(result.chat).toMatchObject({ provider: 'local', modelId: 'tiny-gpt2', tokensOut: 8 });
  expect(result.embed).toMatchObject({ provider: 'local', modelId: 'tiny-bert' });
  expect(result.entities).toBe(1);
  expect(result.workerBlocked).toBe(0); // the worker's own network guard saw nothing either

  const log = (await readFile(logFile, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const threads = new Set(log.filter((l) => 'loaded' in l).map((l) => l.loaded));
  expect(threads.size).toBeGreaterThanOrEqual(2); // main thread + the inference worker
  // The only attempt is the deliberate control fetch after the models were closed.
  expect(log.filter((l) => 'attempt' in l)).toEqual([{ attempt: 'fetch', thread: 0 }]);
  expect(result.control).toMatch(/a socket was opened: fetch/);
});
