/**
 * Turns the rules' overlapping proposals into the detector's output: sorted, non-overlapping
 * spans. Overlaps of one type merge (two name rules agreeing on "John A. Smith"); overlaps of
 * different types keep the more specific rule's span, then the longer one.
 */
import type { PhiCandidate, PhiSpan } from './phi.types';

/** Resolves candidates to sorted, non-overlapping spans over `text`. O(n log n). */
export function resolveSpans(text: string, candidates: readonly PhiCandidate[]): PhiSpan[] {
  const sorted = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start || b.priority - a.priority || b.end - a.end);
  const kept: PhiCandidate[] = [];
  for (const next of sorted) {
    const last = kept[kept.length - 1];
    if (last === undefined || next.start >= last.end) {
      kept.push({ ...next });
    } else if (next.type === last.type) {
      last.end = Math.max(last.end, next.end);
      last.priority = Math.max(last.priority, next.priority);
    } else if (outranks(next, last)) {
      // The span before `last` ends at or before last.start <= next.start, so `next` fits there.
      kept[kept.length - 1] = { ...next };
    }
  }
  return kept.map(({ start, end, type }) => ({ start, end, type, text: text.slice(start, end) }));
}

function outranks(a: PhiCandidate, b: PhiCandidate): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.end - a.start > b.end - b.start;
}
