/**
 * `starring phi`: the deterministic PHI built-ins for IT and compliance officers, no model pack
 * needed. Reads the note from stdin (it is meant to be piped: `starring phi redact < note.txt`).
 */
import { parseArgs } from 'node:util';
import { formatReport } from '../core/builtins/phi-eval/eval-report';
import { DEFAULT_CORPUS, generateCorpus } from '../core/builtins/phi-eval/phi-corpus';
import { evaluate } from '../core/builtins/phi-eval/phi-evaluator';
import { deidentify } from '../core/builtins/phi/deidentify';
import { detectPhi } from '../core/builtins/phi/phi-detector';
import type { CommandGroup, CommandIo } from './command';

/** Where the command reads its input; a factory argument so tests need no real stdin. */
export interface PhiInput {
  /** True when stdin is a terminal, i.e. nothing was piped in. */
  isTty: boolean;
  /** The whole of stdin as UTF-8. */
  read(): Promise<string>;
}

const USAGE = [
  'starring phi detect < note.txt            JSON array of identifier spans {start, end, type}',
  'starring phi redact < note.txt            the note with identifiers replaced by [TYPE-n]',
  'starring phi eval [--notes N] [--seed S] [--errors N] [--json]',
  '                                          precision/recall on the generated synthetic corpus',
];

/** Builds the `phi` command group over an input source. */
export function createPhiCommand(input: PhiInput): CommandGroup {
  return {
    name: 'phi',
    summary: 'Find and redact HIPAA Safe Harbor identifiers with built-in rules (no model pack).',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'detect':
        case 'redact': {
          const text = await readInput(input, sub, io);
          if (text === undefined) return 2;
          if (sub === 'detect')
            io.out(JSON.stringify(detectPhi(text).map(({ start, end, type }) => ({ start, end, type }))));
          else io.out(deidentify(text).text.replace(/\n$/, ''));
          return 0;
        }
        case 'eval':
          return runEval(rest, io);
        default:
          io.err(
            sub === undefined
              ? 'starring phi: say what to do.'
              : `starring phi: unknown subcommand "${sub}".`,
          );
          for (const line of USAGE) io.err(`  ${line}`);
          return 2;
      }
    },
  };
}

async function readInput(input: PhiInput, sub: string, io: CommandIo): Promise<string | undefined> {
  if (input.isTty) {
    io.err(`starring phi ${sub}: reads the text from stdin; pipe it in, e.g. starring phi ${sub} < note.txt`);
    return undefined;
  }
  const text = await input.read();
  if (text.trim().length === 0) {
    io.err(`starring phi ${sub}: stdin was empty; pipe a note in, e.g. starring phi ${sub} < note.txt`);
    return undefined;
  }
  return text;
}

function runEval(args: string[], io: CommandIo): number {
  const { values } = parseArgs({
    args,
    options: {
      notes: { type: 'string', default: String(DEFAULT_CORPUS.notes) },
      seed: { type: 'string', default: String(DEFAULT_CORPUS.seed) },
      errors: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const notes = Number(values.notes);
  const seed = Number(values.seed);
  const errors = Number(values.errors);
  if (
    !Number.isInteger(notes) ||
    notes < 1 ||
    !Number.isInteger(seed) ||
    !Number.isInteger(errors) ||
    errors < 0
  ) {
    io.err('starring phi eval: --notes, --seed and --errors take whole numbers (notes at least 1).');
    return 2;
  }
  const report = evaluate(generateCorpus({ notes, seed }), (text) => detectPhi(text), errors);
  if (values.json) io.out(JSON.stringify({ seed, ...report }, null, 2));
  else
    for (const line of formatReport(
      report,
      `PHI detector (built-in rules) on the synthetic corpus, seed ${seed}`,
    ))
      io.out(line);
  return 0;
}

/** Reads all of process.stdin as UTF-8 (chunks joined as bytes, so a character split between chunks survives). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The `phi` group on the real stdin, for `commandGroups` in cli-main.ts. */
export const phiCommand: CommandGroup = createPhiCommand({
  get isTty() {
    return process.stdin.isTTY === true;
  },
  read: readStdin,
});
