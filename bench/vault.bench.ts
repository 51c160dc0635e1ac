/**
 * Vault benchmark. Figures:
 *  - vault.save_p50_ms_1k / save_p95_ms_1k / save_p95_ms_20k: latency of real saves (new version of an
 *    existing ~20 KB document: blob write + fsync, journal append + fdatasync, vault.head rewrite + fsyncs,
 *    FTS4 update), on a 1,000- and a 20,000-document vault, 1,000 saves each, alternating between the two;
 *    background compaction runs as it normally would (and does, within the 1,000 saves, for both).
 *  - vault.save_p95_ratio_20k_1k: the two p95s divided (save cost must not grow with the store).
 *  - vault.open_ms_20k: unlock (OS-keystore test double, so no scrypt) to ready, 20,000 documents
 *    (~400 MB of bodies), freshly compacted (journal empty), in a fresh child process; median of 7,
 *    alternating with the plain opens.
 *  - vault.open_ratio_encrypted_plain: the same open of the same content stored with the benchmark-only
 *    identity cipher, same run; median of 7 back-to-back pairs.
 *  - vault.open_peak_rss_mb: peak RSS of the child process that opened the encrypted 20k vault.
 *  - crypto.aesgcm_ratio_native_forge: node:crypto AES-256-GCM throughput over node-forge's on the same
 *    64 MB (best of 3 for node:crypto, one run for node-forge, which takes seconds).
 * The 20k vaults are built once (bulk import through documents.saveMany) and cached under .tmp/bench-vault.
 */
import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';
import { createFileKeyProvider } from '../main/core/vault/file-key-provider';
import { createVaultService, type VaultService } from '../main/core/vault/vault.service';
import { identityCipher } from '../main/core/vault/vault-crypto';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), '.tmp/bench-vault');
const GENERATOR_VERSION = 'v2';
const SAVES_MEASURED = 1000;

/** Deterministic PRNG so the encrypted and plain vaults hold identical content. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'te',
  'su',
  'lan',
  'dor',
  'vi',
  'pe',
  'qua',
  'nor',
  'ti',
  'sel',
  'ba',
  'gri',
  'on',
  'ul',
  'fen',
  'mar',
  'cy',
];
function vocabulary(): string[] {
  const r = rng(7);
  const words: string[] = [];
  for (let i = 0; i < 6000; i++) {
    let w = '';
    const n = 1 + Math.floor(r() * 4);
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.push(w);
  }
  return words;
}
const VOCAB = vocabulary();

/** A TipTap-style JSON document of about `bytes` bytes; word frequencies roughly Zipfian. */
function makeBody(r: () => number, bytes: number): string {
  const content: unknown[] = [];
  let size = 0;
  while (size < bytes) {
    const words: string[] = [];
    const n = 40 + Math.floor(r() * 80);
    for (let i = 0; i < n; i++) words.push(VOCAB[Math.floor(VOCAB.length * r() ** 3)]!);
    const text = words.join(' ');
    content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
    size += text.length + 60;
  }
  return JSON.stringify({ type: 'doc', content });
}

function docInput(i: number, r: () => number) {
  return {
    id: `doc-${i}`,
    title: `Report ${i} ${VOCAB[i % VOCAB.length]}`,
    templateId: 'business-report',
    industry: 'business',
    classification: 'internal' as const,
    body: makeBody(r, 20_000),
  };
}

function service(dir: string, plain: boolean, auto = true): VaultService {
  return createVaultService({
    dir,
    keyProvider: createFileKeyProvider({ file: join(ROOT, 'keystore.key') }),
    ...(plain ? { cipher: identityCipher } : {}),
    compaction: { auto },
  });
}

async function build(dir: string, count: number, plain: boolean, log: (m: string) => void): Promise<void> {
  const marker = join(dir, '.bench-built');
  const want = `${GENERATOR_VERSION}:${count}:${plain ? 'plain' : 'aes'}`;
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === want) {
    // Earlier runs' saves left journal records; compact so every run opens the same state.
    const v = service(dir, plain, false);
    await v.unlock({ method: 'os-keystore' });
    if ((await v.stats()).journalRecords > 0) await v.compact();
    await v.lock();
    return;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(ROOT, { recursive: true });
  const t0 = performance.now();
  const v = service(dir, plain, false);
  await v.create({ passphrase: 'bench passphrase', useOsKeystore: true });
  const r = rng(42);
  const batch = 250;
  for (let i = 0; i < count; i += batch) {
    const inputs = [];
    for (let j = i; j < Math.min(count, i + batch); j++) inputs.push(docInput(j, r));
    await v.documents.saveMany(inputs);
    if ((i / batch) % 16 === 15) await v.compact();
    if ((i / batch) % 20 === 0) log(`built ${i + inputs.length}/${count} (${plain ? 'plain' : 'encrypted'})`);
  }
  await v.compact();
  const st = await v.stats();
  await v.lock();
  await writeFile(marker, want);
  log(
    `built ${dir}: ${count} docs, ${(st.bytesOnDisk / 1e6).toFixed(0)} MB on disk, snapshot ${(st.snapshotBytes / 1e6).toFixed(0)} MB, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}

/**
 * A working copy of a cached vault for the save measurements, so the cached vaults stay exactly as
 * built and the encrypted and plain ones keep identical content for the open comparison. Blob files
 * are immutable, so they are hard-linked; every other file is copied.
 */
async function cloneVault(src: string, dst: string): Promise<void> {
  await rm(dst, { recursive: true, force: true });
  await mkdir(join(dst, 'blobs'), { recursive: true });
  for (const name of await readdir(src))
    if (name !== 'blobs') await copyFile(join(src, name), join(dst, name));
  for (const shard of await readdir(join(src, 'blobs'))) {
    await mkdir(join(dst, 'blobs', shard));
    for (const f of await readdir(join(src, 'blobs', shard)))
      await link(join(src, 'blobs', shard, f), join(dst, 'blobs', shard, f));
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Saves alternate between the two vaults (1k, 20k) in one process, so that any
 * background load on the machine hits both series alike and the ratio compares
 * like with like. Each save is a new version of a random existing document.
 */
async function measureSaves(dirs: Array<{ dir: string; count: number }>): Promise<number[][]> {
  const vaults = [];
  for (const { dir } of dirs) {
    const v = service(dir, false);
    await v.unlock({ method: 'os-keystore' });
    vaults.push(v);
  }
  const r = rng(Date.now());
  const lat: number[][] = dirs.map(() => []);
  for (let i = 0; i < SAVES_MEASURED; i++) {
    for (const [k, v] of vaults.entries()) {
      const input = docInput(Math.floor(r() * dirs[k]!.count), r);
      const t = performance.now();
      await v.documents.save(input);
      lat[k]!.push(performance.now() - t);
    }
  }
  for (const v of vaults) await v.lock();
  return lat.map((l) => l.sort((a, b) => a - b));
}

/** Child-process side: open once, report time and peak RSS. */
async function openChild(dir: string, plain: boolean): Promise<void> {
  const v = service(dir, plain);
  const t = performance.now();
  await v.unlock({ method: 'os-keystore' });
  const ms = performance.now() - t;
  const docs = (await v.documents.list({ limit: 1 })).total;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  await v.lock();
  process.stdout.write(`${JSON.stringify({ ms, rssMb, docs })}\n`);
}

function runOpenChild(dir: string, plain: boolean): Promise<{ ms: number; rssMb: number; docs: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--open-child', dir, plain ? 'plain' : 'aes'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`open child failed (${code}): ${out}`));
      else resolvePromise(JSON.parse(line) as { ms: number; rssMb: number; docs: number });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function aesRatio(log: (m: string) => void): Promise<number> {
  const data = randomBytes(64 * 1024 * 1024);
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const nativeRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.update(data);
    c.final();
    c.getAuthTag();
    nativeRuns.push(performance.now() - t);
  }
  const nativeMs = Math.min(...nativeRuns);
  const t = performance.now();
  const c = forge.cipher.createCipher('AES-GCM', forge.util.createBuffer(key.toString('binary')));
  c.start({ iv: iv.toString('binary') });
  c.update(forge.util.createBuffer(data.toString('binary')));
  c.finish();
  const forgeMs = performance.now() - t;
  log(`AES-256-GCM 64 MB: node:crypto ${nativeMs.toFixed(0)} ms, node-forge ${forgeMs.toFixed(0)} ms`);
  return forgeMs / nativeMs;
}

export default async function run(log: (msg: string) => void): Promise<Record<string, number>> {
  const aes = await aesRatio(log);

  const dir1k = join(ROOT, 'aes-1k');
  await rm(join(dir1k, '.bench-built'), { force: true });
  await build(dir1k, 1000, false, log);

  const dirEnc = join(ROOT, 'aes-20k');
  const dirPlain = join(ROOT, 'plain-20k');
  await build(dirEnc, 20_000, false, log);
  await build(dirPlain, 20_000, true, log);

  // Pairs run back to back, alternating which goes first, so load drifts on this shared machine
  // hit both sides; the ratio is the median of the per-pair ratios.
  const enc: number[] = [];
  const ratios: number[] = [];
  let rss = 0;
  for (let i = 0; i < 7; i++) {
    const first = i % 2 === 0;
    const e1 = first ? await runOpenChild(dirEnc, false) : undefined;
    const p = await runOpenChild(dirPlain, true);
    const e = e1 ?? (await runOpenChild(dirEnc, false));
    enc.push(e.ms);
    ratios.push(e.ms / p.ms);
    rss = Math.max(rss, e.rssMb);
    log(
      `open #${i + 1}: encrypted ${e.ms.toFixed(0)} ms (${e.docs} docs, peak RSS ${e.rssMb.toFixed(0)} MB), plain ${p.ms.toFixed(0)} ms`,
    );
  }

  const work20k = join(ROOT, 'aes-20k-work');
  await cloneVault(dirEnc, work20k);

  const [s1k, s20k] = (await measureSaves([
    { dir: dir1k, count: 1000 },
    { dir: work20k, count: 20_000 },
  ])) as [number[], number[]];
  await rm(work20k, { recursive: true, force: true });
  log(
    `saves 1k: p50 ${quantile(s1k, 0.5).toFixed(2)} ms, p95 ${quantile(s1k, 0.95).toFixed(2)}, max ${s1k.at(-1)!.toFixed(1)}`,
  );
  log(
    `saves 20k: p50 ${quantile(s20k, 0.5).toFixed(2)} ms, p95 ${quantile(s20k, 0.95).toFixed(2)}, max ${s20k.at(-1)!.toFixed(1)}`,
  );

  return {
    'vault.save_p50_ms_1k': quantile(s1k, 0.5),
    'vault.save_p95_ms_1k': quantile(s1k, 0.95),
    'vault.save_p95_ms_20k': quantile(s20k, 0.95),
    'vault.save_p95_ratio_20k_1k': quantile(s20k, 0.95) / quantile(s1k, 0.95),
    'vault.open_ms_20k': median(enc),
    'vault.open_ratio_encrypted_plain': median(ratios),
    'crypto.aesgcm_ratio_native_forge': aes,
    'vault.open_peak_rss_mb': rss,
  };
}

if (
  process.argv[2] === '--open-child' &&
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await openChild(process.argv[3]!, process.argv[4] === 'plain');
}
