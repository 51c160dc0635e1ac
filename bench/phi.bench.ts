/**
 * PHI built-in benchmarks, run by bench/run.ts (`npx tsx bench/run.ts phi`).
 *
 * phi.precision / phi.recall — STRICT span-level scores of detectPhi over the generated synthetic
 *   corpus (DEFAULT_CORPUS: 240 notes of 13 kinds, seed 7001): a prediction counts only with the
 *   same start, end and type as a gold span. Strict is the headline because boundaries and labels
 *   matter for re-identification and for the placeholders a model sees.
 * phi.overlap_precision / phi.overlap_recall — the same with "same type, at least one shared
 *   character" matching, to show how much of the gap is boundary disagreement.
 * phi.masked_recall — gold spans overlapped by a prediction of any type: what redaction hides.
 * phi.detect_mb_per_s — detectPhi throughput: the corpus texts joined and repeated to at least
 *   4 MiB of UTF-8, median of 5 timed runs after one warm-up; MB = 2^20 bytes of UTF-8 input.
 *
 * The corpus is synthetic and was written by the detector's author: treat these as an upper
 * bound for real notes (see main/core/builtins/phi-eval/phi-corpus.ts on how it was held out).
 */
import { formatReport } from '../main/core/builtins/phi-eval/eval-report';
import { DEFAULT_CORPUS, generateCorpus } from '../main/core/builtins/phi-eval/phi-corpus';
import { evaluate } from '../main/core/builtins/phi-eval/phi-evaluator';
import { detectPhi } from '../main/core/builtins/phi/phi-detector';

const RUNS = 5;
const MIB = 2 ** 20;

export default async function run(log: (m: string) => void): Promise<Record<string, number>> {
  const notes = generateCorpus(DEFAULT_CORPUS);
  const report = evaluate(notes, (text) => detectPhi(text));
  for (const line of formatReport(report, `seed ${DEFAULT_CORPUS.seed}`)) log(line);

  const corpusText = notes.map((n) => n.text).join('\n\n');
  const unitBytes = Buffer.byteLength(corpusText, 'utf8');
  const input = corpusText.repeat(Math.ceil((4 * MIB) / unitBytes));
  const megabytes = Buffer.byteLength(input, 'utf8') / MIB;
  detectPhi(input); // warm-up: JIT and regex compilation
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    detectPhi(input);
    seconds.push((performance.now() - started) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(RUNS / 2)]!;
  log(`throughput: ${megabytes.toFixed(1)} MiB in ${median.toFixed(2)} s (median of ${RUNS})`);

  return {
    'phi.precision': report.overall.strict.precision,
    'phi.recall': report.overall.strict.recall,
    'phi.overlap_precision': report.overall.overlap.precision,
    'phi.overlap_recall': report.overall.overlap.recall,
    'phi.masked_recall': report.maskedRecall,
    'phi.detect_mb_per_s': megabytes / median,
  };
}
