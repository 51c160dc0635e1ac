/** The `starring` entry point (bin/starring.mjs loads this). */
import type { CommandIo } from './command';
import { main } from './cli-main';

const io: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
process.exitCode = await main(process.argv.slice(2), io);
