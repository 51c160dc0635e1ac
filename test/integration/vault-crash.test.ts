import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHEAP_SCRYPT, tempDir } from '../../main/core/vault/test-support';
import { createVaultService } from '../../main/core/vault/vault.service';
import { CRASH_PASSPHRASE, crashBody } from './vault-crash-shared';

const CHILD_SOURCE = fileURLToPath(new URL('./vault-crash-writer.child.ts', import.meta.url));
// The writer is bundled once with esbuild and run with plain node: 200 cold starts
// through the tsx loader cost more than the test itself on a 2-core machine.
const CHILD = fileURLToPath(new URL(`../../.tmp/vault-crash-writer-${process.pid}.mjs`, import.meta.url));
const KILLS = Number(process.env.VAULT_CRASH_KILLS ?? 200);
const LANES = Number(process.env.VAULT_CRASH_LANES ?? 2);

interface Expectations {
  /** Some writer printed "ready": the vault's creation was acknowledged. */
  created: boolean;
  saves: Map<string, number[]>;
  deleted: Set<string>;
  maybeDeleted: Set<string>;
  settings: Map<string, number>;
  queue: Map<number, { seed: number; i: number }>;
}

interface Writer {
  loaded: Promise<void>;
  run(rand: () => number): Promise<string[]>;
}

/**
 * Starts a writer that loads its modules and then waits. `run` lets it open the
 * vault and write, SIGKILLs it at a random moment, and returns the lines it printed.
 */
function startWriter(dir: string, seed: number): Writer {
  const child = spawn(process.execPath, [CHILD, dir, String(seed)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onLoaded: () => void = () => undefined;
  let onReady: () => void = () => undefined;
  const loaded = new Promise<void>((r) => (onLoaded = r));
  const ready = new Promise<void>((r) => (onReady = r));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    // 'close', not 'exit': only then has everything the child printed been read.
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('loaded\n')) onLoaded();
    if (out.includes('\nready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.on('error', () => undefined);
  return {
    loaded: Promise.race([
      loaded,
      exited.then(({ code }) => Promise.reject(new Error(`writer died while loading (${code}): ${err}`))),
    ]),
    async run(rand) {
      child.stdin.write('go\n');
      // Most kills land in the write stream; some during opening, which may be repairing the last crash.
      if (rand() < 0.1) await new Promise((r) => setTimeout(r, rand() * 60));
      else {
        await Promise.race([ready, exited]);
        await new Promise((r) => setTimeout(r, rand() * 250));
      }
      child.kill('SIGKILL');
      const { code, signal } = await exited;
      if (signal !== 'SIGKILL') throw new Error(`writer exited by itself (${code}): ${err}`);
      return out.split('\n').slice(0, -1); // the last piece may be a half-written line
    },
  };
}

function record(exp: Expectations, lines: string[]): void {
  for (const line of lines) {
    if (line === 'ready') exp.created = true;
    const [kind, what, a, b, c] = line.split(' ');
    if (kind === 'begin' && what === 'delete') exp.maybeDeleted.add(a!);
    if (kind !== 'ack') continue;
    if (what === 'save') exp.saves.set(a!, [...(exp.saves.get(a!) ?? []), Number(b)]);
    if (what === 'delete') exp.deleted.add(a!);
    if (what === 'set') exp.settings.set(a!, Number(b));
    if (what === 'enqueue') exp.queue.set(Number(a), { seed: Number(b), i: Number(c) });
  }
}

async function check(dir: string, exp: Expectations, ids: Iterable<string>, full: boolean): Promise<void> {
  const v = createVaultService({ dir, scrypt: CHEAP_SCRYPT });
  if (!exp.created) {
    // Killed inside create(): there may or may not be a vault yet, but never a half one.
    const err = await v.unlock({ passphrase: CRASH_PASSPHRASE }).catch((e: unknown) => e);
    if (err) {
      expect(err).toMatchObject({ code: 'VAULT_ABSENT' });
      return;
    }
    exp.created = true;
    await v.lock();
  }
  await v.unlock({ passphrase: CRASH_PASSPHRASE });
  try {
    for (const id of ids) {
      if (exp.deleted.has(id)) {
        await expect(v.documents.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        continue;
      }
      if (exp.maybeDeleted.has(id)) continue;
      for (const version of exp.saves.get(id) ?? []) {
        const got = await v.documents.getVersion(id, version);
        expect(got.body, `${id} v${version}`).toBe(crashBody(id, version));
      }
    }
    if (full) {
      for (const [key, value] of exp.settings)
        expect(await v.settings.get(key)).toBeGreaterThanOrEqual(value);
      const queued = new Map((await v.syncQueue.peek(100_000)).map((q) => [q.id, q.payload]));
      for (const [qid, payload] of exp.queue) expect(queued.get(qid)).toEqual(payload);
      expect(await v.verify()).toEqual([]);
    }
  } finally {
    await v.lock();
  }
}

describe('vault: SIGKILL at random moments during a stream of writes', () => {
  const dirs: Array<Awaited<ReturnType<typeof tempDir>>> = [];
  beforeAll(async () => {
    // sql.js stays external (it locates its .wasm beside itself); the bundle lives in the
    // checkout's .tmp/ so that node_modules resolves.
    await build({
      entryPoints: [CHILD_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: CHILD,
      external: ['sql.js'],
      logLevel: 'error',
    });
  });
  afterAll(async () => {
    for (const d of dirs) await d.cleanup();
    await rm(CHILD, { force: true });
  });

  it(
    `keeps every acknowledged write across ${KILLS} kills`,
    async () => {
      let seedState = (Date.now() ^ 0x5eed) >>> 0;
      const rand = () => {
        seedState = (Math.imul(seedState, 1664525) + 1013904223) >>> 0;
        return seedState / 4294967296;
      };
      const stats = { kills: 0, acked: 0 };
      const lane = async (n: number) => {
        const d = await tempDir(`vault-crash-${n}-`);
        dirs.push(d);
        const exp: Expectations = {
          created: false,
          saves: new Map(),
          deleted: new Set(),
          maybeDeleted: new Set(),
          settings: new Map(),
          queue: new Map(),
        };
        const rounds = Math.ceil(KILLS / LANES);
        let next = startWriter(d.path, n * 100_000);
        for (let k = 0; k < rounds; k++) {
          const writer = next;
          const t0 = performance.now();
          await writer.loaded;
          const t1 = performance.now();
          // Start the next writer loading now, so its start-up overlaps this round.
          if (k + 1 < rounds) next = startWriter(d.path, n * 100_000 + k + 1);
          const lines = await writer.run(rand);
          stats.kills++;
          const before = new Set(exp.saves.keys());
          record(exp, lines);
          stats.acked += lines.filter((l) => l.startsWith('ack')).length;
          const touched = [...exp.saves.keys()].filter(
            (id) => !before.has(id) || lines.some((l) => l.includes(` ${id} `) || l.endsWith(` ${id}`)),
          );
          // Every round: the vault opens and this round's acknowledged writes are there. Every 20th: everything, plus verify().
          const t2 = performance.now();
          await check(
            d.path,
            exp,
            k % 20 === 19 || k === rounds - 1 ? exp.saves.keys() : touched,
            k % 20 === 19 || k === rounds - 1,
          );
          if (process.env.VAULT_CRASH_DEBUG)
            console.log(
              `lane ${n} round ${k}: wait-load ${(t1 - t0).toFixed(0)} run ${(t2 - t1).toFixed(0)} check ${(performance.now() - t2).toFixed(0)} ms, ${lines.length} lines`,
            );
        }
      };
      await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));
      expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
      // The kills must have landed among writes, not only at start-up.
      expect(stats.acked).toBeGreaterThan(KILLS / 2);
    },
    15 * 60_000,
  );
});
