import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand, openAuditForCli } from '../../main/cli/audit.command';
import type { CommandIo } from '../../main/cli/command';
import {
  bytes,
  rewriteZip,
  sampleInput,
  steppingClock,
  text,
} from '../../main/core/audit/audit-fixtures.testkit';

let vault: string;
const env = {
  STARRING_PASSPHRASE: 'correct horse battery staple',
  STARRING_ACTOR: 'officer@hospital.example',
};

/** Runs `starring audit …` in process, as cli-main would (a thrown error is exit 1). */
async function starringAudit(
  args: string[],
  environment: NodeJS.ProcessEnv = env,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: environment };
  try {
    return { code: await auditCommand.run(args, io), out, err };
  } catch (error) {
    err.push((error as Error).message);
    return { code: 1, out, err };
  }
}

beforeAll(async () => {
  vault = await mkdtemp(join(tmpdir(), 'starring-audit-cli-'));
  const audit = await openAuditForCli(vault, env, { create: true, clock: steppingClock() });
  await audit.log.appendMany(Array.from({ length: 60 }, (_, i) => sampleInput(i)));
  await audit.close();
});

afterAll(async () => {
  await rm(vault, { recursive: true, force: true });
});

describe('starring audit (CLI)', () => {
  it('exports a filtered bundle with progress, recording the export itself, and verifies it (exit 0)', async () => {
    const out = join(vault, 'bob.zip');
    const exported = await starringAudit([
      'export',
      '--vault',
      vault,
      '--from',
      '2026-11-24',
      '--to',
      '2030-01-01',
      '--actor',
      'bob@hospital.example',
      '--action',
      'document.update',
      '--action',
      'document.read',
      '--out',
      out,
    ]);
    expect(exported.err).toEqual([]);
    expect(exported.code).toBe(0);
    expect(exported.out.some((line) => /^exporting: \d+\/\d+ entries/.test(line))).toBe(true);
    expect(exported.out.at(-1)).toMatch(
      /^exported \d+ entries \(\d+ matching, \d+ redacted\) to .*bob\.zip: \d+ bytes, sha256 [0-9a-f]{64}$/,
    );

    const verified = await starringAudit(['verify', out]);
    expect(verified.code).toBe(0);
    expect(verified.out[0]).toBe(`VALID ${out}`);
    expect(verified.out.join('\n')).toMatch(/all hold/);

    const tail = await starringAudit(['tail', '--vault', vault, '-n', '2', '--json']);
    expect(tail.code).toBe(0);
    const last = JSON.parse(tail.out.at(-1) as string) as Record<string, unknown>;
    expect(last).toMatchObject({
      seq: 61,
      actor: 'officer@hospital.example',
      action: 'audit.export',
      outcome: 'success',
    });
  });

  it('exits non-zero naming file, device and seq for a tampered bundle', async () => {
    const out = join(vault, 'all.zip');
    expect((await starringAudit(['export', '--vault', vault, '--out', out])).code).toBe(0);
    const bad = join(vault, 'bad.zip');
    await rewriteZip(out, bad, (files) => {
      files.set('entries.jsonl', bytes(text(files.get('entries.jsonl')).replace('"seq":7,', '"seq":8,')));
    });
    const result = await starringAudit(['verify', bad]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe(`INVALID ${bad}`);
    expect(result.err.join('\n')).toMatch(/file: +entries\.jsonl/);
    expect(result.err.join('\n')).toMatch(/device: +[0-9a-f]{32}/);
    expect(result.err.join('\n')).toMatch(/seq: +8/);
  });

  it('tails in human form and exports to a SIEM as syslog or JSON lines', async () => {
    const tail = await starringAudit(['tail', '--vault', vault, '-n', '3']);
    expect(tail.out).toHaveLength(3);
    expect(tail.out[0]).toMatch(/^\s+\d+ {2}\d{4}-\d\d-\d\dT\S+Z {2}\w+ +\S+ {2}\S+/);

    const syslog = await starringAudit(['siem', '--vault', vault, '--format', 'syslog']);
    expect(syslog.code).toBe(0);
    expect(syslog.out.length).toBeGreaterThanOrEqual(62);
    for (const line of syslog.out)
      expect(line).toMatch(/^<1(08|10)>1 \S+ [0-9a-f]{32} starring - \S+ \[audit@32473 seq="\d+"/);
    const jsonl = await starringAudit([
      'siem',
      '--vault',
      vault,
      '--format',
      'jsonl',
      '--to',
      '2026-11-24T09:00:00Z',
    ]);
    const records = jsonl.out.map((line) => JSON.parse(line) as { ts: string });
    expect(records).toHaveLength(60);
    expect(records.every((r) => r.ts < '2026-11-24T09:00:00.000Z')).toBe(true);
  });

  it('refuses a wrong passphrase, a missing one, and bad usage', async () => {
    const wrong = await starringAudit(['tail', '--vault', vault], { STARRING_PASSPHRASE: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.err.join(' ')).toMatch(/passphrase is not correct/);
    const missing = await starringAudit(['tail', '--vault', vault], {});
    expect(missing.err.join(' ')).toMatch(/STARRING_PASSPHRASE/);
    expect((await starringAudit(['export', '--vault', vault])).code).toBe(2);
    expect((await starringAudit(['siem', '--vault', vault, '--format', 'xml'])).code).toBe(2);
    expect((await starringAudit(['frobnicate'])).code).toBe(2);
    expect(
      (await starringAudit(['export', '--vault', vault, '--from', 'yesterday', '--out', 'x.zip'])).err.join(
        ' ',
      ),
    ).toMatch(/ISO 8601/);
    const elsewhere = await starringAudit([
      'export',
      '--vault',
      join(vault, 'typo'),
      '--out',
      join(vault, 'x.zip'),
    ]);
    expect(elsewhere).toMatchObject({ code: 1, err: [expect.stringMatching(/no audit log/)] });
    const notABundle = join(vault, 'not.zip');
    await writeFile(notABundle, 'hello');
    const result = await starringAudit(['verify', notABundle]);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/file: +not\.zip/);
    // The audit key lives inside the vault; the CLI keeps no key material of its own.
    await expect(readFile(join(vault, 'audit', 'cli-kdf.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect((await readFile(join(vault, 'vault', 'vault.keys'), 'utf8')).length).toBeGreaterThan(0);
  });
});
