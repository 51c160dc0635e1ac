/**
 * Model packs on disk: the manifest schema, the verifier's refusals (each bad input named in the
 * brief is a test), signatures, the allowlist, discovery and the pack builder.
 */
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { PACK_MANIFEST_FILE, PackManifest } from '../../common/models/pack-manifest';
import {
  buildPackManifest,
  inferTasks,
  packFolder,
  writePackManifest,
} from '../../main/core/models/packs/pack-builder';
import { discoverPacks, findPack } from '../../main/core/models/packs/pack-discovery';
import { packHash, signManifest } from '../../main/core/models/packs/pack-signature';
import { verifyPack, type VerifyProgress } from '../../main/core/models/packs/pack-verifier';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';
import { writeTinyPacks } from '../../main/core/models/tiny-packs/tiny-packs';

let fixture: TinyPackFixture;
let scratch = 0;

beforeAll(async () => {
  fixture = await createTinyPackFixture(['tiny-bert', 'tiny-gpt2']);
});
afterAll(() => fixture.cleanup());

/** A private copy of a tiny pack to damage. */
async function copyOf(name: 'tiny-bert' | 'tiny-gpt2'): Promise<string> {
  const dir = join(fixture.root, `scratch-${(scratch += 1)}`, name);
  await cp(fixture.dir(name), dir, { recursive: true });
  return dir;
}

async function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): Promise<void> {
  const file = join(dir, PACK_MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  await writeFile(file, JSON.stringify(manifest));
}

async function refusal(
  dir: string,
  options: Partial<Parameters<typeof verifyPack>[1]> = {},
): Promise<AppError> {
  const error = await verifyPack(dir, { allowlist: null, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('verifying a pack', () => {
  it('accepts an intact pack and reports streamed progress up to the total', async () => {
    const events: VerifyProgress[] = [];
    const pack = await verifyPack(fixture.dir('tiny-gpt2'), {
      allowlist: null,
      onProgress: (p) => events.push(p),
    });
    expect(pack.manifest.id).toBe('tiny-gpt2');
    expect(pack.packHash).toMatch(/^[0-9a-f]{64}$/);
    expect(events.at(-1)).toEqual({ done: pack.totalBytes, total: pack.totalBytes, file: '' });
    expect(events.map((e) => e.done)).toEqual([...events.map((e) => e.done)].sort((a, b) => a - b));
  });

  it('refuses a file whose hash does not match, naming the file', async () => {
    const dir = await copyOf('tiny-bert');
    const file = join(dir, 'onnx/model.onnx');
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // same size, other content
    await writeFile(file, bytes);
    const error = await refusal(dir);
    expect(error.code).toBe('MODEL_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'integrity', file: 'onnx/model.onnx' });
    expect(error.message).toMatch(/onnx\/model\.onnx does not match its sha256/);
  });

  it('refuses a truncated .onnx (size check before hashing)', async () => {
    const dir = await copyOf('tiny-gpt2');
    await truncate(join(dir, 'onnx/model.onnx'), 100);
    const error = await refusal(dir);
    expect(error.message).toMatch(
      /onnx\/model\.onnx is 100 bytes but the manifest says \d+ \(truncated or replaced\)/,
    );
  });

  it.each([
    ['a missing field', (m: Record<string, unknown>) => delete m.license, /license/],
    [
      'a path that climbs out of the pack',
      (m: Record<string, unknown>) => addFile(m, '../outside.txt'),
      /climbs out of the pack folder/,
    ],
    ['an absolute path', (m: Record<string, unknown>) => addFile(m, '/etc/passwd'), /is absolute/],
    [
      'a Windows absolute path',
      (m: Record<string, unknown>) => addFile(m, 'C:/Windows/win.ini'),
      /is absolute/,
    ],
    ['a backslash path', (m: Record<string, unknown>) => addFile(m, 'onnx\\..\\..\\x'), /backslash/],
    [
      'a duplicated file',
      (m: Record<string, unknown>) => (m.files as unknown[]).push((m.files as unknown[])[0]),
      /listed twice/,
    ],
    ['a wrong format tag', (m: Record<string, unknown>) => (m.format = 'other/1'), /format/],
  ])('refuses a manifest with %s', async (_name, edit, message) => {
    const dir = await copyOf('tiny-bert');
    await editManifest(dir, edit);
    const error = await refusal(dir);
    expect(error.code).toBe('MODEL_UNAVAILABLE');
    expect(error.details?.reason).toBe('manifest-invalid');
    expect(error.message).toMatch(message);
  });

  it('refuses a manifest that is not JSON, and a folder without one', async () => {
    const dir = await copyOf('tiny-bert');
    await writeFile(join(dir, PACK_MANIFEST_FILE), '{ nope');
    expect((await refusal(dir)).message).toMatch(/not valid JSON/);
    await rm(join(dir, PACK_MANIFEST_FILE));
    expect((await refusal(dir)).message).toMatch(/missing.*models pack/);
  });

  it('refuses unlisted files the loader could open, but not other-dtype ONNX variants', async () => {
    const dir = await copyOf('tiny-bert');
    await writeFile(join(dir, 'onnx/model_q4.onnx'), 'never opened: the pack runs fp32');
    await verifyPack(dir, { allowlist: null });
    await writeFile(join(dir, 'generation_config.json'), '{"max_new_tokens": 1}');
    const error = await refusal(dir);
    expect(error.message).toMatch(/generation_config\.json is in the folder but not in the manifest/);
  });

  it('refuses a symlink, even one that a manifest entry names', async () => {
    const dir = await copyOf('tiny-bert');
    await rm(join(dir, 'vocab.txt'));
    await symlink('/etc/hostname', join(dir, 'vocab.txt'));
    expect((await refusal(dir)).message).toMatch(/vocab\.txt is a symbolic link/);
  });

  it('stops when cancelled during hashing, with CANCELLED', async () => {
    const dir = await copyOf('tiny-bert');
    await writeFile(join(dir, 'onnx/model.onnx_data'), Buffer.alloc(48 << 20)); // 48 MiB
    await packFolder(dir, { id: 'big', license: 'MIT', tasks: ['feature-extraction'] });
    const controller = new AbortController();
    const progress: number[] = [];
    const error = await refusal(dir, {
      signal: controller.signal,
      onProgress: ({ done }) => {
        progress.push(done);
        if (progress.length === 2) controller.abort();
      },
    });
    expect(error.code).toBe('CANCELLED');
    expect(progress.length).toBeLessThan(10); // stopped within a chunk or two of 1 MiB
  });
});

function addFile(manifest: Record<string, unknown>, path: string): void {
  (manifest.files as unknown[]).push({ path, sha256: '0'.repeat(64), size: 1 });
}

describe('policy allowlist and signatures', () => {
  it('accepts null (no policy), the exact approved pack, and refuses others with the reason', async () => {
    const dir = fixture.dir('tiny-gpt2');
    const hash = packHash(fixture.manifests['tiny-gpt2']!);
    await verifyPack(dir, { allowlist: null });
    await verifyPack(dir, { allowlist: [{ id: 'tiny-gpt2', sha256: hash }] });

    const notListed = await refusal(dir, { allowlist: [{ id: 'other', sha256: hash }] });
    expect(notListed.code).toBe('POLICY_DENIED');
    expect(notListed.message).toBe(
      'The model pack "tiny-gpt2" is not on your organisation\'s list of approved models.',
    );

    const otherVersion = await refusal(dir, { allowlist: [{ id: 'tiny-gpt2', sha256: 'a'.repeat(64) }] });
    expect(otherVersion.message).toMatch(/differs from the version your organisation approved/);
  });

  it('verifies an Ed25519 signature over the canonical manifest and refuses a tampered one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const dir = await copyOf('tiny-gpt2');
    const manifest = PackManifest.parse(JSON.parse(await readFile(join(dir, PACK_MANIFEST_FILE), 'utf8')));
    const signed = signManifest(manifest, 'it-2026', privateKey);
    expect(packHash(signed)).toBe(packHash(manifest)); // the signature is not part of the identity
    await writePackManifest(dir, signed);
    const trustedKeys = [{ keyId: 'it-2026', publicKey }];
    expect((await verifyPack(dir, { allowlist: null, trustedKeys, requireSignature: true })).signature).toBe(
      'valid',
    );

    await editManifest(dir, (m) => (m.name = 'Renamed after signing'));
    expect((await refusal(dir, { trustedKeys })).details?.reason).toBe('signature');

    const unsigned = await refusal(fixture.dir('tiny-bert'), { trustedKeys, requireSignature: true });
    expect(unsigned.code).toBe('POLICY_DENIED');
    expect(unsigned.message).toMatch(/requires signed model packs, and "tiny-bert" is not signed/);
  });
});

describe('pack builder and discovery', () => {
  it('writes the same bytes and hashes every time (deterministic tiny packs)', async () => {
    const again = await writeTinyPacks(join(fixture.root, 'again'), ['tiny-bert', 'tiny-gpt2']);
    expect(packHash(again['tiny-gpt2']!)).toBe(packHash(fixture.manifests['tiny-gpt2']!));
    expect(again['tiny-bert']).toEqual(fixture.manifests['tiny-bert']);
  });

  it('packs a Hugging Face folder: tasks from config, license from the model card, one dtype pinned', async () => {
    const dir = join(fixture.root, 'hf-like');
    await cp(fixture.dir('tiny-gpt2'), dir, { recursive: true });
    await rm(join(dir, PACK_MANIFEST_FILE));
    await writeFile(
      join(dir, 'README.md'),
      '---\nlicense: apache-2.0\nlibrary_name: transformers.js\n---\n# Model\n',
    );
    await cp(join(dir, 'onnx/model.onnx'), join(dir, 'onnx/model_q4f16.onnx'));
    await mkdir(join(dir, '.git'), { recursive: true });
    await writeFile(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
    expect(await inferTasks(dir)).toEqual(['text-generation', 'chat']);
    const manifest = await buildPackManifest(dir, { id: 'qwen-like' });
    expect(manifest.license).toBe('apache-2.0');
    expect(manifest.runtime?.dtype).toBe('fp32');
    expect(manifest.files.map((f) => f.path)).not.toContain('onnx/model_q4f16.onnx');
    expect(manifest.files.map((f) => f.path)).not.toContain('.git/HEAD');
    await writePackManifest(dir, manifest);
    await verifyPack(dir, { allowlist: null });

    const q4 = await buildPackManifest(dir, { id: 'qwen-like-q4', dtype: 'q4f16' });
    expect(q4.files.map((f) => f.path)).toContain('onnx/model_q4f16.onnx');
    expect(q4.files.map((f) => f.path)).not.toContain('onnx/model.onnx');
  });

  it('asks for what it cannot infer', async () => {
    const dir = join(fixture.root, 'no-license');
    await cp(fixture.dir('tiny-bert'), dir, { recursive: true });
    await expect(buildPackManifest(dir, {})).rejects.toThrow(/--license/);
    await writeFile(join(dir, 'config.json'), '{}');
    await expect(buildPackManifest(dir, { license: 'MIT' })).rejects.toThrow(/--tasks/);
  });

  it('discovers packs in several places; managed wins over app over user; unpacked folders are reported', async () => {
    const user = join(fixture.root, 'user-models');
    await cp(fixture.dir('tiny-bert'), join(user, 'tiny-bert'), { recursive: true });
    await mkdir(join(user, 'downloaded'), { recursive: true });
    await writeFile(join(user, 'downloaded', 'config.json'), '{}');
    const packs = await discoverPacks([
      { dir: user, origin: 'user' },
      { dir: fixture.root, origin: 'managed' },
      { dir: join(fixture.root, 'does-not-exist'), origin: 'app' },
    ]);
    const bert = findPack(packs, 'tiny-bert');
    expect(bert?.origin).toBe('managed');
    const shadowed = packs.find((p) => p.origin === 'user' && p.manifest?.id === 'tiny-bert');
    expect(shadowed?.problem).toMatch(/shadowed/);
    expect(packs.find((p) => p.dir.endsWith('downloaded'))?.problem).toMatch(/run `starring models pack`/);
    await appendFile(join(fixture.root, 'again', 'tiny-bert', 'vocab.txt'), 'extra\n');
    const damaged = await discoverPacks([{ dir: join(fixture.root, 'again'), origin: 'app' }]);
    expect(damaged.find((p) => p.manifest?.id === 'tiny-bert')?.problem).toMatch(
      /vocab\.txt has the wrong size/,
    );
  });
});
