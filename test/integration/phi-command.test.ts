/** The `phi` command group with an injected stdin: the terminal and empty-input paths. */
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../main/cli/command';
import { createPhiCommand, phiCommand } from '../../main/cli/phi.command';

function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {} };
}

describe('phi command group', () => {
  it('is a CommandGroup named phi', () => {
    expect(phiCommand.name).toBe('phi');
    expect(phiCommand.usage.join('\n')).toContain('starring phi redact');
  });

  it('refuses to wait on a terminal: exit 2 and says to pipe the text in', async () => {
    let read = false;
    const command = createPhiCommand({ isTty: true, read: async () => ((read = true), '') });
    const io = capture();
    expect(await command.run(['detect'], io)).toBe(2);
    expect(read).toBe(false);
    expect(io.stderr.join('\n')).toMatch(/reads the text from stdin; pipe it in/);
  });

  it('exits 2 on whitespace-only input', async () => {
    const io = capture();
    expect(await createPhiCommand({ isTty: false, read: async () => ' \n ' }).run(['redact'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('stdin was empty');
  });

  it('detect and redact work on the injected text', async () => {
    const command = createPhiCommand({ isTty: false, read: async () => 'Seen by Dr. Okafor on 03/14/2025.' });
    const io = capture();
    expect(await command.run(['detect'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0]!)).toEqual([
      { start: 12, end: 18, type: 'NAME' },
      { start: 22, end: 32, type: 'DATE' },
    ]);
    const redacted = capture();
    expect(await command.run(['redact'], redacted)).toBe(0);
    expect(redacted.stdout).toEqual(['Seen by Dr. [NAME-1] on [DATE-1].']);
  });

  it('eval rejects a bad --notes value', async () => {
    const io = capture();
    expect(await phiCommand.run(['eval', '--notes', 'lots'], io)).toBe(2);
  });
});
