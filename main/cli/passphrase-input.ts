import { createInterface } from 'node:readline';
import type { CommandIo } from './command';

/**
 * The passphrase from `envName` (for scripts and CI) or from a prompt on the terminal, typed
 * without echo. Refuses to wait for input that can never come (no TTY, no variable).
 */
export async function readPassphrase(io: CommandIo, envName: string, prompt: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new Error(`No passphrase: set ${envName} or run this in a terminal to be asked for it.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WritableStream };
  let muted = false;
  output._writeToOutput = (text: string) => {
    if (!muted) output.output.write(text);
  };
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
