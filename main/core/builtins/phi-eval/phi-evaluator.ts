/**
 * Span-level scoring of a PHI detector against gold annotations.
 *
 * - strict: a prediction is correct only with the same start, end and type as a gold span.
 * - overlap: a prediction is correct if it shares at least one character with a gold span of the
 *   same type; a gold span is found if some prediction of its type overlaps it. Precision and
 *   recall are counted on each side separately, so one long prediction covering two gold spans
 *   scores two found gold spans and one correct prediction.
 * - masked: the share of gold spans overlapped by any prediction, whatever its type — what
 *   matters for privacy when the placeholder's label is secondary.
 * Strict is the headline; overlap shows how much of the gap is boundary disagreement.
 */
import { PHI_TYPES, type PhiSpan, type PhiType } from '../phi/phi.types';
import type { AnnotatedNote } from './note-builder';

/** Precision, recall and F1 with the counts behind them. */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  /** Correct predictions (precision numerator). */
  correct: number;
  /** Found gold spans (recall numerator). */
  found: number;
}

/** Scores for one type or overall. */
export interface TypeScores {
  gold: number;
  predicted: number;
  strict: Scores;
  overlap: Scores;
}

/** A missed or spurious span, for reading what the detector gets wrong. */
export interface EvalError {
  note: string;
  kind: 'missed' | 'spurious';
  span: PhiSpan;
  context: string;
}

/** The evaluation of a detector over a corpus. */
export interface EvalReport {
  notes: number;
  characters: number;
  overall: TypeScores;
  perType: Record<PhiType, TypeScores>;
  /** Gold spans overlapped by a prediction of any type, over all gold spans. */
  maskedRecall: number;
  /** Up to `keepErrors` strict errors (overlap-missed and overlap-spurious only). */
  errors: EvalError[];
}

interface Tally {
  gold: number;
  predicted: number;
  strictCorrect: number;
  strictFound: number;
  overlapCorrect: number;
  overlapFound: number;
}

const emptyTally = (): Tally => ({
  gold: 0,
  predicted: 0,
  strictCorrect: 0,
  strictFound: 0,
  overlapCorrect: 0,
  overlapFound: 0,
});
const overlaps = (a: PhiSpan, b: PhiSpan): boolean => a.start < b.end && b.start < a.end;

/** Runs `detect` on every note and scores it; `keepErrors` keeps that many error examples. */
export function evaluate(
  notes: readonly AnnotatedNote[],
  detect: (text: string) => PhiSpan[],
  keepErrors = 0,
): EvalReport {
  const tallies = new Map<PhiType, Tally>(PHI_TYPES.map((type) => [type, emptyTally()]));
  let masked = 0;
  let goldTotal = 0;
  let characters = 0;
  const errors: EvalError[] = [];
  const context = (text: string, span: PhiSpan): string =>
    `${text.slice(Math.max(0, span.start - 30), span.start)}⟦${text.slice(span.start, span.end)}⟧${text.slice(span.end, span.end + 30)}`.replace(
      /\n/g,
      '⏎',
    );

  for (const note of notes) {
    characters += note.text.length;
    const predicted = detect(note.text);
    for (const g of note.spans) {
      const tally = tallies.get(g.type)!;
      tally.gold += 1;
      goldTotal += 1;
      if (predicted.some((p) => p.type === g.type && p.start === g.start && p.end === g.end))
        tally.strictFound += 1;
      const overlapped = predicted.some((p) => p.type === g.type && overlaps(p, g));
      if (overlapped) tally.overlapFound += 1;
      if (predicted.some((p) => overlaps(p, g))) masked += 1;
      if (!overlapped && errors.length < keepErrors)
        errors.push({ note: note.id, kind: 'missed', span: g, context: context(note.text, g) });
    }
    for (const p of predicted) {
      const tally = tallies.get(p.type)!;
      tally.predicted += 1;
      if (note.spans.some((g) => g.type === p.type && g.start === p.start && g.end === p.end))
        tally.strictCorrect += 1;
      const overlapped = note.spans.some((g) => g.type === p.type && overlaps(p, g));
      if (overlapped) tally.overlapCorrect += 1;
      if (!overlapped && errors.length < keepErrors)
        errors.push({ note: note.id, kind: 'spurious', span: p, context: context(note.text, p) });
    }
  }

  const total = emptyTally();
  const perType = {} as Record<PhiType, TypeScores>;
  for (const [type, tally] of tallies) {
    perType[type] = scoresOf(tally);
    for (const key of Object.keys(total) as Array<keyof Tally>) total[key] += tally[key];
  }
  return {
    notes: notes.length,
    characters,
    overall: scoresOf(total),
    perType,
    maskedRecall: goldTotal === 0 ? 1 : masked / goldTotal,
    errors,
  };
}

function scoresOf(t: Tally): TypeScores {
  return {
    gold: t.gold,
    predicted: t.predicted,
    strict: prf(t.strictCorrect, t.predicted, t.strictFound, t.gold),
    overlap: prf(t.overlapCorrect, t.predicted, t.overlapFound, t.gold),
  };
}

/** Precision is 1 when nothing was predicted and recall is 1 when nothing was there to find. */
function prf(correct: number, predicted: number, found: number, gold: number): Scores {
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = gold === 0 ? 1 : found / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, correct, found };
}
