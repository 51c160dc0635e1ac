/**
 * Sentence boundaries for English and Chinese text, with offsets, shared by the extractive summary
 * and the readability measures. Rule-based and linear: no model, no dictionary beyond a list of
 * abbreviations that end in a period without ending a sentence.
 */

/** A sentence and where it is in the source text (UTF-16 offsets, end exclusive, trimmed). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Abbreviations whose period does not end a sentence (compared lowercase, without the period).
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st vs etc e.g i.e eg ie approx appt no nos fig figs dept est inc ltd co corp mt ft vol ca cf al pt pts dx hx tx rx sx fx q.d b.i.d t.i.d q.i.d p.o p.r.n a.m p.m u.s u.k min max wk wks hr hrs yr yrs mo mos'.split(
    ' ',
  ),
);
const CJK_TERMINATORS = '。！？';
const CLOSERS = '"\'”’」』）)]';

/** Splits `text` into sentences. Line breaks inside wrapped prose do not end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s += 1;
    while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
    if (e > s) sentences.push({ text: text.slice(s, e), start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (CJK_TERMINATORS.includes(ch) || ((ch === '!' || ch === '?') && isBreakAfter(text, i))) {
      push(afterClosers(text, i + 1));
      i = start - 1;
    } else if (ch === '.' && isBreakAfter(text, i) && !isAbbreviation(text, i)) {
      push(afterClosers(text, i + 1));
      i = start - 1;
    } else if (ch === '\n' && isLineBoundary(text, i)) {
      push(i);
    }
  }
  push(text.length);
  return sentences;
}

/** A terminator ends a sentence when whitespace, a closer or the end of the text follows. */
function isBreakAfter(text: string, i: number): boolean {
  const j = afterClosers(text, i + 1);
  if (j >= text.length) return true;
  if (!/\s/.test(text[j]!)) return false;
  // "approx. two tablets": a lowercase word after the period continues the sentence.
  let k = j;
  while (k < text.length && /\s/.test(text[k]!)) k += 1;
  return k >= text.length || !/[a-z]/.test(text[k]!);
}

function afterClosers(text: string, i: number): number {
  let j = i;
  while (j < text.length && CLOSERS.includes(text[j]!)) j += 1;
  return j;
}

/** "Dr.", "e.g.", "J." (an initial) and numbered list markers ("1.") do not end a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s -= 1;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 0)
    return /\d/.test(text[dot - 1] ?? '') && /(^|\n)\s*\d{1,2}$/.test(text.slice(Math.max(0, dot - 6), dot));
  if (ABBREVIATIONS.has(word)) return true;
  return word.length === 1 && /[A-Z]/.test(text[dot - 1]!); // an initial: "John A. Smith"
}

/**
 * A line break ends a sentence unless it wraps prose: a long line without final punctuation
 * followed by a line starting in lowercase. A blank line always ends one.
 */
function isLineBoundary(text: string, i: number): boolean {
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  const line = text.slice(lineStart, i).trimEnd();
  let k = i + 1;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k += 1;
  if (k >= text.length || text[k] === '\n' || text[k] === '\r') return true;
  const wrapped = line.length >= 50 && !/[.!?:;。！？]$/.test(line) && /[a-z(]/.test(text[k]!);
  return !wrapped;
}
