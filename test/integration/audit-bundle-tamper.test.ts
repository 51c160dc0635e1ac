import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../common/audit/manifest.schema';
import {
  bytes,
  createTestLog,
  rewriteZip,
  text,
  type TestLog,
} from '../../main/core/audit/audit-fixtures.testkit';
import { entryHash } from '../../main/core/audit/audit-hash';
import { exportBundle } from '../../main/core/audit/bundle-export';
import { verifyBundle, type BundleFailure } from '../../main/core/audit/bundle-verify';

let dir: string;
let test: TestLog;
let bundle: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-tamper-'));
  test = await createTestLog(30, { checkpointEvery: 10 });
  bundle = join(dir, 'bundle.zip');
  await exportBundle(test.log, { out: bundle, createdBy: 'auditor', clock: test.clock });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rewrites the bundle through `mutate` and returns the verifier's first failure. */
async function tampered(mutate: (files: Map<string, Uint8Array>) => void): Promise<BundleFailure> {
  counter += 1;
  const target = join(dir, `tampered-${counter}.zip`);
  await rewriteZip(bundle, target, mutate);
  const result = await verifyBundle(target);
  if (result.ok) throw new Error('the tampered bundle verified');
  return result.failure;
}

const lines = (files: Map<string, Uint8Array>): string[] =>
  text(files.get('entries.jsonl')).trimEnd().split('\n');
const setLines = (files: Map<string, Uint8Array>, list: string[]): void => {
  files.set('entries.jsonl', bytes(`${list.join('\n')}\n`));
};

/** What a device (holding its key) could do: refresh the manifest's hashes and sign it again. */
function resign(files: Map<string, Uint8Array>): void {
  const manifest = JSON.parse(text(files.get('manifest.json'))) as BundleManifest;
  for (const file of manifest.files) {
    const data = files.get(file.path) as Uint8Array;
    file.sha256 = createHash('sha256').update(data).digest('hex');
    file.bytes = data.length;
  }
  const manifestBytes = bytes(JSON.stringify(manifest, null, 2));
  files.set('manifest.json', manifestBytes);
  files.set('manifest.sig', test.identity.sign(manifestBytes));
}

describe('audit bundle verification rejects tampering, naming the first failure', () => {
  it('accepts the untouched bundle (also after a plain re-zip)', async () => {
    expect((await verifyBundle(bundle)).ok).toBe(true);
    const rezipped = join(dir, 'rezipped.zip');
    await rewriteZip(bundle, rezipped, () => undefined);
    expect((await verifyBundle(rezipped)).ok).toBe(true);
  });

  it('one character of one entry changed', async () => {
    const failure = await tampered((files) => {
      const list = lines(files);
      list[11] = (list[11] as string).replace('"policyVersion":0', '"policyVersion":1');
      setLines(files, list);
    });
    expect(failure).toMatchObject({ file: 'entries.jsonl', device: test.log.deviceId, seq: 12 });
    expect(failure.message).toMatch(/altered/);
  });

  it('an entry removed', async () => {
    const failure = await tampered((files) => {
      const list = lines(files);
      list.splice(14, 1);
      setLines(files, list);
    });
    expect(failure).toMatchObject({ file: 'entries.jsonl', device: test.log.deviceId, seq: 16 });
    expect(failure.message).toMatch(/15…15 are missing/);
  });

  it('two entries swapped', async () => {
    const failure = await tampered((files) => {
      const list = lines(files);
      [list[4], list[5]] = [list[5] as string, list[4] as string];
      setLines(files, list);
    });
    expect(failure).toMatchObject({ file: 'entries.jsonl', seq: 6 });
  });

  it('an entry appended without a checkpoint (even with the manifest re-signed by the device)', async () => {
    const append = (files: Map<string, Uint8Array>): void => {
      const list = lines(files);
      const last = JSON.parse(list.at(-1) as string) as Record<string, unknown>;
      const next: Record<string, unknown> = {
        ...last,
        seq: 31,
        prev: last.hash,
        actor: 'mallory',
        ts: '2026-11-25T09:00:00.000Z',
      };
      next.hash = entryHash(next);
      list.push(JSON.stringify(next));
      setLines(files, list);
    };
    const raw = await tampered(append);
    expect(raw).toMatchObject({ file: 'checkpoints.jsonl', device: test.log.deviceId, seq: 31 });
    expect(raw.message).toMatch(/not covered by a checkpoint/);
    const resigned = await tampered((files) => {
      append(files);
      resign(files);
    });
    expect(resigned).toMatchObject({ file: 'checkpoints.jsonl', seq: 31 });
  });

  it('the manifest edited', async () => {
    const failure = await tampered((files) => {
      files.set(
        'manifest.json',
        bytes(text(files.get('manifest.json')).replace('"createdBy": "auditor"', '"createdBy": "someone"')),
      );
    });
    expect(failure).toMatchObject({ file: 'manifest.sig', device: test.log.deviceId });
    expect(failure.message).toMatch(/manifest.json was changed/);
  });

  it('the signature replaced by a valid signature of another key', async () => {
    const failure = await tampered((files) => {
      const other = generateKeyPairSync('ed25519').privateKey;
      files.set('manifest.sig', sign(null, files.get('manifest.json') as Uint8Array, other));
    });
    expect(failure).toMatchObject({ file: 'manifest.sig', device: test.log.deviceId });
    expect(failure.message).toMatch(/does not verify/);
  });

  it('a file added that the manifest does not list', async () => {
    const failure = await tampered((files) => files.set('notes/extra.txt', bytes('hello')));
    expect(failure).toEqual({
      file: 'notes/extra.txt',
      message: expect.stringMatching(/not listed in the signed manifest/),
    });
  });

  it('a listed file removed, or a report changed', async () => {
    expect(await tampered((files) => files.delete('report.csv'))).toMatchObject({
      file: 'report.csv',
      message: expect.stringMatching(/missing/),
    });
    const changed = await tampered((files) => {
      files.set('report.html', bytes(text(files.get('report.html')).replace('audit report', 'audit r3port')));
    });
    expect(changed).toMatchObject({ file: 'report.html', message: expect.stringMatching(/SHA-256/) });
  });

  it('a checkpoint removed from the middle, or forged', async () => {
    const removed = await tampered((files) => {
      const list = text(files.get('checkpoints.jsonl')).trimEnd().split('\n');
      list.splice(1, 1);
      files.set('checkpoints.jsonl', bytes(`${list.join('\n')}\n`));
      resign(files);
    });
    expect(removed).toMatchObject({
      file: 'checkpoints.jsonl',
      seq: 30,
      message: expect.stringMatching(/prevCheckpoint/),
    });
    const forged = await tampered((files) => {
      files.set(
        'checkpoints.jsonl',
        bytes(text(files.get('checkpoints.jsonl')).replace('"seq":20', '"seq":21')),
      );
      resign(files);
    });
    expect(forged).toMatchObject({
      file: 'checkpoints.jsonl',
      seq: 21,
      message: expect.stringMatching(/signature/),
    });
  });

  it('a line that is not JSON, and a device the manifest does not know', async () => {
    const broken = await tampered((files) => {
      const list = lines(files);
      list[2] = (list[2] as string).slice(0, -1);
      setLines(files, list);
    });
    expect(broken).toMatchObject({
      file: 'entries.jsonl',
      seq: 3,
      message: expect.stringMatching(/not valid JSON/),
    });
    const stranger = await tampered((files) => {
      const list = lines(files);
      list[0] = (list[0] as string).replace(/"device":"[0-9a-f]{32}"/, `"device":"${'c'.repeat(32)}"`);
      setLines(files, list);
    });
    expect(stranger).toMatchObject({ file: 'entries.jsonl', device: 'c'.repeat(32), seq: 1 });
  });
});
