/**
 * `starring models list | verify | pack`, in process (the lead registers the group in cli-main;
 * once registered, `starring models …` runs exactly this code).
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_MANIFEST_FILE } from '../../common/models/pack-manifest';
import { modelsCommand } from '../../main/cli/models.command';
import { packHash } from '../../main/core/models/packs/pack-signature';
import {
  createTinyPackFixture,
  type TinyPackFixture,
} from '../../main/core/models/tiny-packs/tiny-pack-fixture';

let fixture: TinyPackFixture;
beforeAll(async () => {
  fixture = await createTinyPackFixture(['tiny-bert', 'tiny-gpt2']);
});
afterAll(() => fixture.cleanup());

async function models(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await modelsCommand.run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('starring models', () => {
  it('list shows each pack with tasks, size and pack hash', async () => {
    const { code, out } = await models('list', '--dir', fixture.root);
    expect(code).toBe(0);
    expect(out).toMatch(/tiny-gpt2\s+Tiny GPT-2 chat \(test\)/);
    expect(out).toContain(`pack hash ${packHash(fixture.manifests['tiny-gpt2']!)}`);
    expect(out).toMatch(/tasks chat, text-generation · \d+\.\d KB · Apache-2.0/);
  });

  it('verify prints progress and exits 0 for an intact pack', async () => {
    const { code, out, err } = await models('verify', fixture.dir('tiny-gpt2'));
    expect(code).toBe(0);
    expect(err).toMatch(/verifying .*tiny-gpt2: 100%/);
    expect(out).toMatch(/^ok {2}tiny-gpt2: 5 files, .* every sha256 matches/);
  });

  it('verify exits 1 naming the bad file', async () => {
    const dir = join(fixture.root, 'damaged');
    await cp(fixture.dir('tiny-bert'), dir, { recursive: true });
    const file = join(dir, 'onnx', 'model.onnx');
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(10) ^ 1, 10);
    await writeFile(file, bytes);
    const { code, err } = await models('verify', dir);
    expect(code).toBe(1);
    expect(err).toMatch(
      /FAIL Model pack "tiny-bert" failed its integrity check: onnx\/model\.onnx does not match/,
    );
    expect(err).toContain('bad file: onnx/model.onnx');
    expect((await models('list', '--dir', dir, '--verify')).code).toBe(1);
  });

  it('pack writes starring-model.json for a downloaded folder and prints the allowlist entry', async () => {
    const dir = join(fixture.root, 'Qwen2.5-0.5B-Instruct');
    await cp(fixture.dir('tiny-gpt2'), dir, { recursive: true });
    await rm(join(dir, PACK_MANIFEST_FILE));
    const { code, out } = await models(
      'pack',
      dir,
      '--license',
      'apache-2.0',
      '--name',
      'Qwen 2.5 0.5B Instruct',
      '--source',
      'onnx-community/Qwen2.5-0.5B-Instruct',
    );
    expect(code).toBe(0);
    const manifest = JSON.parse(await readFile(join(dir, PACK_MANIFEST_FILE), 'utf8')) as {
      id: string;
      tasks: string[];
      source: string;
    };
    expect(manifest).toMatchObject({
      id: 'qwen2.5-0.5b-instruct',
      tasks: ['text-generation', 'chat'],
      source: 'onnx-community/Qwen2.5-0.5B-Instruct',
    });
    expect(out).toMatch(/policy allowlist entry: \{"id":"qwen2\.5-0\.5b-instruct","sha256":"[0-9a-f]{64}"\}/);
    expect((await models('verify', dir)).code).toBe(0);
  });

  it('explains bad usage with exit code 2', async () => {
    expect((await models('pack', fixture.dir('tiny-bert'), '--tasks', 'dance')).err).toMatch(
      /unknown task "dance"/,
    );
    expect((await models('verify')).code).toBe(2);
    expect((await models('frobnicate')).err).toMatch(/starring models list/);
  });
});
