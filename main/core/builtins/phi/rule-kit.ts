/**
 * Small helpers shared by the PHI rule files. The rules run V8's backtracking regex engine over
 * untrusted text, so every pattern in this folder follows two habits that keep a scan linear:
 * repetition is bounded (`{1,64}`, never a bare `+` followed by something that can fail), and a
 * pattern that starts with a repeatable class is anchored by a lookbehind for that class, so a
 * megabyte-long run of digits or letters is entered once, not at every position.
 */
import type { PhiCandidate, PhiType } from './phi.types';

/** A regex match with `d`-flag indices; the rules need group offsets, not just group text. */
export type IndexedMatch = RegExpExecArray & { indices: NonNullable<RegExpExecArray['indices']> };

/**
 * Calls `visit` for every match of a global, `d`-flagged regex. Uses `exec` in a loop rather than
 * `matchAll` so a zero-length match cannot spin and no array of all matches is built. When `visit`
 * returns false the match is refused and the scan resumes one character after its start, so a
 * refused "visit encounter" can still yield "encounter 12345".
 */
export function forEachMatch(pattern: RegExp, text: string, visit: (match: IndexedMatch) => unknown): void {
  if (!pattern.global || !pattern.hasIndices)
    throw new Error(`rule pattern needs the g and d flags: ${pattern}`);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    if (visit(match as IndexedMatch) === false) pattern.lastIndex = match.index + 1;
  }
}

/** Offsets of the whole match. */
export function whole(match: IndexedMatch): [number, number] {
  return [match.index, match.index + match[0].length];
}

/** Builds a candidate from a range, so rule files read as "what", not bookkeeping. */
export function candidate(range: [number, number], type: PhiType, priority: number): PhiCandidate {
  return { start: range[0], end: range[1], type, priority };
}

/** Counts ASCII digits; several rules validate a match by how many digits it holds. */
export function digitCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
}

/**
 * Joins cue words into a regex source, longest first so `Medical Record` wins over `Medical`.
 * A space matches one to three whitespace characters. Words of four or more letters match in any
 * case ("member id", "MEMBER ID"); short all-capital abbreviations (DL, SN, ID, FIN) match only
 * as written, because their lowercase forms are ordinary text ("mg/dL", "fin").
 */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => {
      const caseless = !/^[A-Z/#.]{1,4}$/.test(word);
      let source = '';
      for (const char of word) {
        if (char === ' ') source += '\\s{1,3}';
        else if (caseless && /[A-Za-z]/.test(char)) source += `[${char.toLowerCase()}${char.toUpperCase()}]`;
        else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      }
      return source;
    })
    .join('|');
}
