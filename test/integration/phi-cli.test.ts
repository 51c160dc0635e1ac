/**
 * `starring phi …` end to end through bin/starring.mjs, with the note piped on stdin as an IT
 * officer would. Needs `phiCommand` registered in main/cli/cli-main.ts's `commandGroups`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'starring.mjs');

function starring(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin, 'utf8');
  });
}

const NOTE =
  'Patient: Maria Garcia  MRN: 00123456\n患者张伟于2025年3月14日入院，电话138 0013 8000。BP 120/80, metoprolol 25 mg.\n';

describe('starring phi', () => {
  it('detect prints the spans of the piped note as JSON', async () => {
    const { code, stdout } = await starring(['phi', 'detect'], NOTE);
    expect(code).toBe(0);
    const spans = JSON.parse(stdout) as Array<{ start: number; end: number; type: string }>;
    expect(spans.map((s) => [s.type, NOTE.slice(s.start, s.end)])).toEqual([
      ['NAME', 'Maria Garcia'],
      ['MRN', '00123456'],
      ['NAME', '张伟'],
      ['DATE', '2025年3月14日'],
      ['PHONE', '138 0013 8000'],
    ]);
    expect(Object.keys(spans[0]!).sort()).toEqual(['end', 'start', 'type']);
  });

  it('redact prints the de-identified note', async () => {
    const { code, stdout } = await starring(['phi', 'redact'], NOTE);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'Patient: [NAME-1]  MRN: [MRN-1]\n患者[NAME-2]于[DATE-1]入院，电话[PHONE-1]。BP 120/80, metoprolol 25 mg.\n',
    );
  });

  it('exits 2 with a clear message when stdin is empty', async () => {
    const { code, stdout, stderr } = await starring(['phi', 'detect'], '');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('stdin was empty');
  });

  it('eval generates the corpus and prints precision and recall per type', async () => {
    const { code, stdout } = await starring(['phi', 'eval', '--notes', '40'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('40 notes');
    expect(stdout).toMatch(/^NAME\s+\d+\s+\d+\s+[\d.]+%/m);
    expect(stdout).toMatch(/^overall\s+\d+/m);
  });

  it('an unknown subcommand exits 2 and lists the usage', async () => {
    const { code, stderr } = await starring(['phi', 'frobnicate'], '');
    expect(code).toBe(2);
    expect(stderr).toContain('starring phi detect');
  });
});
