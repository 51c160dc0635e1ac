import { appVersion } from '../core/app/app-version';
import { runSelfTest } from '../core/app/self-test.service';
import type { CommandGroup } from './command';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** `starring self-test --vault DIR`: the Settings view's self-test, for IT on a headless machine. */
export const selfTestCommand: CommandGroup = {
  name: 'self-test',
  summary: 'Check that crypto, the storage engine and the data folder work on this machine.',
  usage: ['starring self-test [--vault DIR]'],
  async run(args, io) {
    const { values } = parseArgs({ args, options: { vault: { type: 'string', default: '.' } } });
    let failures = 0;
    await runSelfTest(
      resolve(values.vault),
      { delayMs: 0 },
      (event) => {
        if (event.type === 'result') {
          if (!event.passed) failures += 1;
          io.out(`${event.passed ? 'ok  ' : 'FAIL'} ${event.check.padEnd(12)} ${event.detail}`);
        }
      },
      new AbortController().signal,
    );
    io.out(
      failures === 0 ? `StarRing Workspace ${appVersion}: all checks passed` : `${failures} check(s) failed`,
    );
    return failures === 0 ? 0 : 1;
  },
};
