import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'starring.mjs');
const STRONG = 'correct horse battery staple ward 7';

function starring(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          out: stdout,
          err: stderr,
        });
      },
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-vault-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('starring vault', () => {
  it('init refuses a weak passphrase and names why', async () => {
    const result = await starring(['vault', 'init', '--vault', join(dir, 'weak')], {
      STARRING_PASSPHRASE: 'password1',
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain('too weak');
  });

  it('init without a passphrase source refuses instead of waiting for input', async () => {
    const result = await starring(['vault', 'init', '--vault', join(dir, 'none')], {
      STARRING_PASSPHRASE: '',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('STARRING_PASSPHRASE');
  });

  it('demo creates a vault; unlock --check, stats and verify work; a wrong passphrase exits non-zero', async () => {
    const data = join(dir, 'demo');
    const demo = await starring(['demo', '--vault', data], { STARRING_PASSPHRASE: STRONG });
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/12 documents, 24 versions/);

    expect(
      (await starring(['vault', 'unlock', '--check', '--vault', data], { STARRING_PASSPHRASE: STRONG })).code,
    ).toBe(0);
    const wrong = await starring(['vault', 'unlock', '--check', '--vault', data], {
      STARRING_PASSPHRASE: 'not the passphrase at all',
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/passphrase is not correct/i);

    const stats = await starring(['vault', 'stats', '--vault', data], { STARRING_PASSPHRASE: STRONG });
    expect(stats.out).toMatch(/documents\s+12/);

    const verify = await starring(['vault', 'verify', '--vault', data], { STARRING_PASSPHRASE: STRONG });
    expect(verify.code).toBe(0);
  });

  it('verify names a damaged blob and exits 1', async () => {
    const data = join(dir, 'damaged');
    await starring(['demo', '--vault', data], { STARRING_PASSPHRASE: STRONG });
    const blobs = await findFiles(
      join(data, 'vault'),
      (name) => name.includes('blob') || /^[0-9a-f]{64}/.test(name),
    );
    expect(blobs.length).toBeGreaterThan(0);
    const victim = blobs[0]!;
    const bytes = await readFile(victim);
    const at = bytes.length - 5;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(victim, bytes);
    const verify = await starring(['vault', 'verify', '--vault', data], { STARRING_PASSPHRASE: STRONG });
    expect(verify.code).toBe(1);
    expect(verify.err).toContain('INTEGRITY FAILURE');
    expect(verify.err).toContain(
      victim
        .slice(join(data, 'vault').length + 1)
        .split('/')
        .pop()!,
    );
  });

  it('recover: IT sets a new passphrase with the organisation private key, off-line', async () => {
    const data = join(dir, 'recover');
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    await writeFile(join(dir, 'org.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    await writeFile(join(dir, 'org.key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const init = await starring(
      ['vault', 'init', '--vault', data, '--recovery-key', join(dir, 'org.pub.pem')],
      {
        STARRING_PASSPHRASE: STRONG,
      },
    );
    expect(init.code).toBe(0);
    const next = 'a departed user left this behind 42';
    const recovered = await starring(
      ['vault', 'recover', '--vault', data, '--key', join(dir, 'org.key.pem')],
      {
        STARRING_NEW_PASSPHRASE: next,
      },
    );
    expect(recovered.code).toBe(0);
    expect(
      (await starring(['vault', 'unlock', '--check', '--vault', data], { STARRING_PASSPHRASE: next })).code,
    ).toBe(0);
  });
});

async function findFiles(root: string, match: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && match(entry.name)) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}
