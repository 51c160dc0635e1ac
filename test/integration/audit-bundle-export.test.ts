import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, verify } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactedEntry, ZERO_HASH } from '../../common/audit/entry.schema';
import { BundleManifest } from '../../common/audit/manifest.schema';
import {
  createServerKeys,
  createTestLog,
  receiptFor,
  text,
  type TestLog,
} from '../../main/core/audit/audit-fixtures.testkit';
import { exportBundle, type ExportBundleResult } from '../../main/core/audit/bundle-export';
import { verifyBundle } from '../../main/core/audit/bundle-verify';
import { VERIFY_SCRIPT } from '../../main/core/audit/verify-doc';

const hasTools = ['openssl', 'jq', 'sha256sum', 'unzip', 'bash'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

let dir: string;
let test: TestLog;
let server: ReturnType<typeof createServerKeys>;
let full: ExportBundleResult;
let fullFiles: Record<string, Uint8Array>;
const progress: Array<[number, number]> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-bundle-'));
  server = createServerKeys();
  test = await createTestLog(120, { checkpointEvery: 50 });
  await test.log.acceptReceipt(await receiptFor(test.log, server, 1, 100), server.publicKeyPem);
  full = await exportBundle(test.log, {
    out: join(dir, 'full.zip'),
    createdBy: 'auditor@hospital.example',
    clock: test.clock,
    onProgress: (done, total) => progress.push([done, total]),
  });
  fullFiles = unzipSync(await readFile(full.path));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('audit bundle export (ARCHITECTURE.md §3)', () => {
  it('has exactly the §3 members, a manifest in the §3 shape and a raw 64-byte signature over its bytes', () => {
    const deviceKey = `keys/device-${test.log.deviceId}.pub.pem`;
    expect(Object.keys(fullFiles).sort()).toEqual(
      [
        'VERIFY.md',
        'checkpoints.jsonl',
        'entries.jsonl',
        deviceKey,
        'keys/server.pub.pem',
        'manifest.json',
        'manifest.sig',
        'receipts.jsonl',
        'report.csv',
        'report.html',
      ].sort(),
    );
    const manifestBytes = fullFiles['manifest.json'] as Uint8Array;
    const manifest = BundleManifest.parse(JSON.parse(text(manifestBytes)));
    expect(Object.keys(JSON.parse(text(manifestBytes)))).toEqual([
      'v',
      'format',
      'createdAt',
      'createdBy',
      'filter',
      'signer',
      'anchors',
      'files',
      'devices',
    ]);
    expect(manifest).toMatchObject({
      v: 1,
      format: 'starring-audit-bundle',
      createdBy: 'auditor@hospital.example',
      signer: test.log.deviceId,
      anchors: [{ device: test.log.deviceId, seq: 0, hash: ZERO_HASH }],
      devices: [{ id: test.log.deviceId, publicKeyPem: test.identity.publicKeyPem }],
    });
    const listed = manifest.files.map((f) => f.path).sort();
    expect(listed).toEqual(
      Object.keys(fullFiles)
        .filter((n) => n !== 'manifest.json' && n !== 'manifest.sig')
        .sort(),
    );
    for (const file of manifest.files) {
      const data = fullFiles[file.path] as Uint8Array;
      expect(file).toEqual({ path: file.path, sha256: sha256(data), bytes: data.length });
    }
    const signature = fullFiles['manifest.sig'] as Uint8Array;
    expect(signature.length).toBe(64);
    expect(verify(null, manifestBytes, test.identity.publicKeyPem, signature)).toBe(true);
    expect(text(fullFiles[deviceKey])).toBe(test.identity.publicKeyPem);
    expect(text(fullFiles['keys/server.pub.pem'])).toBe(server.publicKeyPem);
  });

  it('writes every entry as a JCS line, checkpointed at the last one, and reports progress to the end', () => {
    const lines = text(fullFiles['entries.jsonl']).trimEnd().split('\n');
    expect(lines).toHaveLength(120);
    expect(full).toMatchObject({ entries: 120, disclosed: 120, redacted: 0 });
    for (const line of lines) expect(canonicalize(JSON.parse(line))).toBe(line);
    const last = JSON.parse(lines.at(-1) as string) as { seq: number; hash: string };
    const checkpoints = text(fullFiles['checkpoints.jsonl'])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; head: string });
    expect(checkpoints.map((c) => c.seq)).toEqual([50, 100, 120]);
    expect(checkpoints.at(-1)).toMatchObject({ seq: last.seq, head: last.hash });
    expect(test.log.checkpoints().at(-1)?.reason).toBe('export');
    expect(text(fullFiles['receipts.jsonl']).trimEnd().split('\n')).toHaveLength(1);
    expect(progress.at(-1)).toEqual([120, 120]);
  });

  it('verifies, with and without the trusted keys', async () => {
    const result = await verifyBundle(full.path, {
      trustedDeviceKeys: [test.identity.publicKeyPem],
      serverPublicKeyPem: server.publicKeyPem,
    });
    expect(result).toMatchObject({ ok: true, summary: { receipts: 1, checkpoints: 3 } });
    const strangerServer = createServerKeys();
    const wrongServer = await verifyBundle(full.path, { serverPublicKeyPem: strangerServer.publicKeyPem });
    expect(wrongServer).toMatchObject({ ok: false, failure: { file: 'keys/server.pub.pem' } });
  });

  it('redacts non-matching entries in a filtered export and keeps the chain whole', async () => {
    const all = await test.log.tail(200);
    const from = all[20]?.ts as string;
    const to = all[80]?.ts as string;
    const result = await exportBundle(test.log, {
      out: join(dir, 'filtered.zip'),
      createdBy: 'auditor',
      clock: test.clock,
      filter: { from, to, actors: ['bob@hospital.example'], actions: ['document.update', 'vault.unlock'] },
    });
    const files = unzipSync(await readFile(result.path));
    const lines = text(files['entries.jsonl'])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const manifest = BundleManifest.parse(JSON.parse(text(files['manifest.json'])));
    const firstSeq = lines[0]?.seq as number;
    expect(manifest.anchors[0]).toEqual({
      device: test.log.deviceId,
      seq: firstSeq - 1,
      hash: all[firstSeq - 2]?.hash,
    });
    expect(manifest.filter).toEqual({
      from,
      to,
      actors: ['bob@hospital.example'],
      actions: ['document.update', 'vault.unlock'],
    });
    const disclosed = lines.filter((l) => l.redacted !== true);
    expect(disclosed.length).toBe(result.disclosed);
    expect(disclosed.length).toBeGreaterThan(0);
    for (const entry of disclosed) {
      expect(entry.actor).toBe('bob@hospital.example');
      expect(['document.update', 'vault.unlock']).toContain(entry.action);
      expect((entry.ts as string) >= from && (entry.ts as string) < to).toBe(true);
    }
    for (const line of lines.filter((l) => l.redacted === true)) {
      expect(Object.keys(line).sort()).toEqual(['device', 'hash', 'prev', 'redacted', 'seq', 'v']);
      expect(RedactedEntry.safeParse(line).success).toBe(true);
      expect(line.hash).toBe(all[(line.seq as number) - 1]?.hash);
    }
    // The bundle ends at the first checkpoint at or after the last match, not at the head.
    expect(lines.at(-1)?.seq).toBe(100);
    expect(text(files['report.csv']).split('\r\n').filter(Boolean)).toHaveLength(disclosed.length + 1);
    expect(await verifyBundle(result.path)).toMatchObject({ ok: true });
  });

  it('writes a script-free report with an SVG chart and highlighted denials, and a safe CSV', async () => {
    const html = text(fullFiles['report.html']);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<svg');
    expect(html).toMatch(/<tr class="denied">/);
    expect(html).toContain('document.export');
    const csv = text(fullFiles['report.csv']).split('\r\n');
    expect(csv[0]).toBe('seq,ts,device,actor,action,resource_type,resource_id,outcome,policy_version,reason');
    expect(csv).toHaveLength(122);

    const injected = await createTestLog(0);
    await injected.log.append({
      actor: '=HYPERLINK("http://x")',
      action: 'a',
      outcome: 'allow',
      details: { reason: 'x, "y"' },
    });
    const out = join(dir, 'csv.zip');
    await exportBundle(injected.log, { out, createdBy: 'auditor', clock: injected.clock });
    const row = text(unzipSync(await readFile(out))['report.csv']).split('\r\n')[1] as string;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('"x, ""y"""');
  });

  it('exports an empty log, and normalizes or rejects filter bounds', async () => {
    const empty = await createTestLog(0);
    const out = join(dir, 'empty.zip');
    const result = await exportBundle(empty.log, { out, createdBy: 'auditor', clock: empty.clock });
    expect(result.entries).toBe(0);
    expect(await verifyBundle(out)).toMatchObject({
      ok: true,
      summary: { devices: [{ anchorSeq: 0, entries: 0 }] },
    });

    const zoned = await exportBundle(test.log, {
      out: join(dir, 'zoned.zip'),
      createdBy: 'auditor',
      clock: test.clock,
      filter: { from: '2026-11-24T16:00:00+08:00' },
    });
    expect(zoned.manifest.filter).toEqual({ from: '2026-11-24T08:00:00.000Z' });
    await expect(
      exportBundle(test.log, {
        out: join(dir, 'bad.zip'),
        createdBy: 'a',
        clock: test.clock,
        filter: { from: 'soon' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('VERIFY.md explains both ways to verify', () => {
    const doc = text(fullFiles['VERIFY.md']);
    expect(doc).toContain('starring audit verify bundle.zip');
    expect(doc).toContain('openssl pkeyutl -verify -pubin');
    expect(doc).toContain('sha256sum');
    expect(doc).toContain(VERIFY_SCRIPT);
  });

  it.skipIf(!hasTools)(
    'verifies with only openssl, sha256sum, jq and bash — and fails on tampering',
    async () => {
      // A small filtered bundle with receipts: the shell path runs jq once per line.
      const small = await createTestLog(12, { checkpointEvery: 5 });
      await small.log.acceptReceipt(await receiptFor(small.log, server, 1, 10), server.publicKeyPem);
      const bundle = await exportBundle(small.log, {
        out: join(dir, 'small.zip'),
        createdBy: 'auditor',
        clock: small.clock,
        filter: { actors: ['bob@hospital.example'] },
      });
      expect(bundle.redacted).toBeGreaterThan(0);
      const folder = join(dir, 'unzipped');
      await mkdir(folder);
      execFileSync('unzip', ['-q', bundle.path, '-d', folder]);
      const script = join(dir, 'verify.sh');
      await writeFile(script, VERIFY_SCRIPT);
      // The exact command VERIFY.md gives for the manifest signature.
      const key = `keys/device-${small.log.deviceId}.pub.pem`;
      const openssl = spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          key,
          '-rawin',
          '-in',
          'manifest.json',
          '-sigfile',
          'manifest.sig',
        ],
        { cwd: folder, encoding: 'utf8' },
      );
      expect(openssl.stdout).toContain('Signature Verified Successfully');
      const good = spawnSync('bash', [script], { cwd: folder, encoding: 'utf8' });
      expect(good.stderr).toBe('');
      expect(good.stdout).toContain('OK:');
      expect(good.status).toBe(0);

      const entries = join(folder, 'entries.jsonl');
      const original = await readFile(entries, 'utf8');
      await writeFile(
        entries,
        original.replace('"actor":"bob@hospital.example"', '"actor":"eve@hospital.example"'),
      );
      const bad = spawnSync('bash', [script], { cwd: folder, encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('FAIL');
    },
  );
});
