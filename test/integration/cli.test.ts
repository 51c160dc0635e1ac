import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'starring.mjs');

async function starring(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('starring command line', () => {
  it('--help lists the commands that exist', async () => {
    const { code, stdout } = await starring(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: starring <command>');
    expect(stdout).toContain('self-test');
  });

  it('an unknown command exits 2 and says how to get help', async () => {
    const { code, stderr } = await starring(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });

  it('self-test runs the real checks against a data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-cli-'));
    try {
      const { code, stdout } = await starring(['self-test', '--vault', dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/ok\s+sql-engine/);
      expect(stdout).toContain('all checks passed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
