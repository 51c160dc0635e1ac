import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLog } from '../../main/core/audit/audit-fixtures.testkit';
import { exportBundle } from '../../main/core/audit/bundle-export';
import { verifyBundle, type VerifyBundleResult } from '../../main/core/audit/bundle-verify';

let dir: string;
let bundle: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-zip-attack-'));
  const test = await createTestLog(10);
  bundle = join(dir, 'bundle.zip');
  await exportBundle(test.log, { out: bundle, createdBy: 'auditor', clock: test.clock });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function verifyBytes(
  data: Uint8Array,
  limits?: Parameters<typeof verifyBundle>[1],
): Promise<VerifyBundleResult> {
  counter += 1;
  const path = join(dir, `attack-${counter}.zip`);
  await writeFile(path, data);
  return verifyBundle(path, limits);
}

const zipOf = (files: Record<string, Uint8Array | string>): Buffer => {
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files))
    zippable[name] = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.from(zipSync(zippable, { level: 9 }));
};

/** Rewrites the declared uncompressed size of every member in both the local and central headers. */
function declareSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i += 1) {
    const signature = out.readUInt32LE(i);
    if (signature === 0x04034b50) out.writeUInt32LE(size, i + 22);
    if (signature === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

function expectRejected(result: VerifyBundleResult, file: string | RegExp, message: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  if (typeof file === 'string') expect(result.failure.file).toBe(file);
  else expect(result.failure.file).toMatch(file);
  expect(result.failure.message).toMatch(message);
}

describe('audit bundle verifier against hostile archives', () => {
  it('refuses members that declare more than the per-member or total limit, before inflating them', async () => {
    const big = zipOf({
      'manifest.json': new Uint8Array(4 * 1024 * 1024),
      'manifest.sig': new Uint8Array(64),
    });
    expectRejected(
      await verifyBytes(big, { limits: { maxMemberBytes: 1024 * 1024 } }),
      'manifest.json',
      /more than/,
    );
    const many = zipOf({
      'manifest.json': new Uint8Array(600_000),
      'a.bin': new Uint8Array(600_000),
      'b.bin': new Uint8Array(600_000),
    });
    expectRejected(
      await verifyBytes(many, { limits: { maxMemberBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 } }),
      /\.(json|bin)$/,
      /in total/,
    );
  });

  it('stops a member that inflates past the size it declares (zip bomb) after one chunk', async () => {
    const bomb = declareSize(
      zipOf({ 'manifest.json': new Uint8Array(16 * 1024 * 1024), 'manifest.sig': new Uint8Array(64) }),
      1000,
    );
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const result = await verifyBytes(bomb);
    expectRejected(result, 'manifest.json', /decompresses to more than the 1000 bytes/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses path traversal, absolute paths, backslashes and duplicate names', async () => {
    for (const name of [
      '../x',
      'keys/../../x',
      '/etc/passwd',
      'C:/Windows/x',
      'keys\\x',
      './manifest.json',
    ]) {
      const zip = zipOf({ 'manifest.json': '{}', [name]: 'x' });
      expectRejected(await verifyBytes(zip), name, /unsafe member name/);
    }
    const duplicate = Buffer.from(
      zipOf({ 'aaaa.txt': 'x', 'bbbb.txt': 'y' }).toString('latin1').replaceAll('bbbb.txt', 'aaaa.txt'),
      'latin1',
    );
    expectRejected(await verifyBytes(duplicate), 'aaaa.txt', /appears twice/);
  });

  it('refuses truncated archives and things that are not zips, without throwing', async () => {
    const whole = await readFile(bundle);
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 100, 0]) {
      const result = await verifyBytes(whole.subarray(0, cut));
      expectRejected(result, /^attack-\d+\.zip$/, /truncated|too short/);
    }
    expectRejected(
      await verifyBytes(Buffer.from('PK\u0005\u0006 this is not a zip')),
      /attack/,
      /not a zip|truncated/,
    );
    const missing = await verifyBundle(join(dir, 'does-not-exist.zip'));
    expect(missing).toMatchObject({
      ok: false,
      failure: { file: 'does-not-exist.zip', message: expect.stringMatching(/does not exist/) },
    });
  });

  it('refuses damaged compressed data, encryption and unknown methods', async () => {
    const whole = Buffer.from(await readFile(bundle));
    // Flip bytes inside the first member's compressed data (entries.jsonl comes first).
    const nameLength = whole.readUInt16LE(26);
    const start = 30 + nameLength + whole.readUInt16LE(28);
    for (let i = start + 20; i < start + 60; i += 1) whole[i] = (whole[i] as number) ^ 0xff;
    const damaged = await verifyBytes(whole);
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(damaged.failure.file).toBe('entries.jsonl');

    const encrypted = zipOf({ 'manifest.json': '{}' });
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expectRejected(await verifyBytes(encrypted), 'manifest.json', /encrypted/);
    const lzma = zipOf({ 'manifest.json': '{}' });
    lzma.writeUInt16LE(14, lzma.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expectRejected(await verifyBytes(lzma), 'manifest.json', /method 14/);
  });
});
