/**
 * Writes the synthetic PHI evaluation corpus to a JSON Lines file for reading or for scoring
 * another detector: `npx tsx scripts/make-phi-corpus.ts [--out FILE] [--notes N] [--seed S]`.
 * Each line is {id, kind, text, spans:[{start, end, type, text}]}; offsets are UTF-16 indices.
 * The corpus is generated, never committed: the default output lands in the git-ignored .tmp/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS, generateCorpus } from '../main/core/builtins/phi-eval/phi-corpus';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.tmp/phi-corpus.jsonl' },
    notes: { type: 'string', default: String(DEFAULT_CORPUS.notes) },
    seed: { type: 'string', default: String(DEFAULT_CORPUS.seed) },
  },
});
const notes = generateCorpus({ notes: Number(values.notes), seed: Number(values.seed) });
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, notes.map((note) => JSON.stringify(note)).join('\n') + '\n');
console.log(
  `Wrote ${notes.length} notes, ${notes.reduce((n, note) => n + note.spans.length, 0)} gold spans, to ${out}`,
);
