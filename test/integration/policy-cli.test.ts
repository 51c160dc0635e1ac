import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN_DENY_EXIT, policyCommand } from '../../main/cli/policy.command';

const samples = join(import.meta.dirname, '..', '..', 'policies');
const demoPub = join(samples, 'demo-key', 'DEMO-ONLY-policy-key.pub.pem');
const healthcare = join(samples, 'healthcare', 'healthcare.signed.json');

async function policy(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await policyCommand.run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-policy-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('starring policy', () => {
  it('keygen writes an Ed25519 pair (private key 0600) and never overwrites it', async () => {
    const made = await policy('keygen', '--out', join(dir, 'keys'));
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/key id\s+[0-9a-f]{16}/);
    if (process.platform !== 'win32')
      expect((await stat(join(dir, 'keys', 'policy-key.pem'))).mode & 0o777).toBe(0o600);
    await expect(policy('keygen', '--out', join(dir, 'keys'))).rejects.toThrow(/EEXIST/);
  });

  it('sign → verify succeeds; a tampered copy and a foreign key fail verify with the reason', async () => {
    await policy('keygen', '--out', join(dir, 'k2'));
    const source = join(samples, 'business', 'bundle.json');
    const signedFile = join(dir, 'business.signed.json');
    const signed = await policy(
      'sign',
      '--key', join(dir, 'k2', 'policy-key.pem'),
      '--in', source,
      '--policies', join(samples, 'base-roles.cedar'),
      '--policies', join(samples, 'business', 'policies.cedar'),
      '--out', signedFile,
    ); // prettier-ignore
    expect(signed).toMatchObject({ code: 0, stdout: expect.stringMatching(/signed demo-company version 1/) });

    const ok = await policy(
      'verify',
      '--pub',
      join(dir, 'k2', 'policy-key.pub.pem'),
      '--at',
      '2027-01-01T00:00:00Z',
      signedFile,
    );
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: demo-company version 1/) });

    const envelope = JSON.parse(await readFile(signedFile, 'utf8')) as {
      bundle: { settings: { idleLockMinutes: number } };
    };
    envelope.bundle.settings.idleLockMinutes = 1_440;
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(envelope));
    const tampered = await policy(
      'verify',
      '--pub',
      join(dir, 'k2', 'policy-key.pub.pem'),
      join(dir, 'tampered.json'),
    );
    expect(tampered).toMatchObject({ code: 1, stderr: expect.stringMatching(/REFUSED \(bad-signature\)/) });

    const foreign = await policy('verify', '--pub', demoPub, signedFile);
    expect(foreign).toMatchObject({ code: 1, stderr: expect.stringMatching(/REFUSED \(unknown-key\)/) });
  });

  it('sign refuses invalid Cedar and names the problem', async () => {
    const source = JSON.parse(await readFile(join(samples, 'content', 'bundle.json'), 'utf8')) as object;
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ ...source, policies: 'permit(principal, action, resource' }),
    );
    const result = await policy(
      'sign',
      '--key',
      join(dir, 'k2', 'policy-key.pem'),
      '--in',
      join(dir, 'bad.json'),
      '--out',
      join(dir, 'x'),
    );
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Refusing to sign: Cedar could not parse/),
    });
  });

  it('verify checks expiry at --at', async () => {
    const late = await policy('verify', '--pub', demoPub, '--at', '2031-06-01T00:00:00Z', healthcare);
    expect(late).toMatchObject({ code: 1, stderr: expect.stringMatching(/REFUSED \(expired\)/) });
  });

  it('show prints version, tenant, expiry, settings and a line per policy', async () => {
    const shown = await policy('show', healthcare);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/tenant\s+demo-hospital/);
    expect(shown.stdout).toMatch(/version\s+1/);
    expect(shown.stdout).toMatch(/expires\s+2030-12-31T23:59:59Z/);
    expect(shown.stdout).toMatch(/phi: pdf, docx, fhir/);
    expect(shown.stdout).toMatch(/forbid phi-docx-offline/);
  });

  it('explain prints allow/deny, the reason and the deciding policy', async () => {
    const base = [
      'explain',
      '--bundle',
      healthcare,
      '--pub',
      demoPub,
      '--user',
      'alice',
      '--action',
      'documents.export',
    ];
    const denied = await policy(
      ...base,
      '--roles',
      'clinician',
      '--classification',
      'phi',
      '--state',
      'signed',
      '--format',
      'docx',
      '--offline',
    );
    expect(denied.code).toBe(EXPLAIN_DENY_EXIT);
    expect(denied.stdout).toMatch(/^DENY {2}documents.export by alice \(roles: clinician\)/);
    expect(denied.stdout).toContain(
      "reason   Your organisation's policy does not allow exporting PHI documents as DOCX while offline",
    );
    expect(denied.stdout).toContain('decided  phi-docx-offline');

    const allowed = await policy(
      ...base,
      '--roles',
      'clinician',
      '--classification',
      'phi',
      '--state',
      'signed',
      '--format',
      'pdf',
    );
    expect(allowed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ALLOW/) });

    const builtin = await policy(
      'explain',
      '--action',
      'documents.export',
      '--classification',
      'phi',
      '--format',
      'pdf',
    );
    expect(builtin.stdout).toContain('decided  builtin-no-phi-export');

    const unknown = await policy('explain', '--action', 'documents.teleport');
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown action "documents.teleport"/),
    });
  });

  it('matrix prints the role table', async () => {
    const table = await policy('matrix', '--bundle', healthcare);
    expect(table.stdout.split('\n')[0]).toMatch(/^\| role \| basics \|/);
    expect(table.stdout).toMatch(/\| viewer \| ✓ \| ✓ \| ✓ \| public, internal \|/);
  });

  it('an unknown subcommand exits 2 with the usage', async () => {
    expect(await policy('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown subcommand/),
    });
  });
});
