/**
 * Person names (Safe Harbor category A) — of the patient, relatives, and, conservatively, of
 * clinicians too, since a clinician's name narrows down where and when the patient was seen.
 *
 * Names have no shape, so several kinds of evidence are combined over a word-token stream:
 * a cue in front ("Dr.", "Patient:", "her daughter", "Sincerely,"), a credential behind
 * ("…, MD"), the embedded name lists, and document-level propagation (once "Mr. Okonkwo" is
 * found, a later bare "Okonkwo" is the same person). The span covers the name only: never the
 * title, the credential or a possessive "'s". Chinese names are in chinese-name.rules.ts.
 */
import {
  AMBIGUOUS_FAMILY_NAMES,
  AMBIGUOUS_GIVEN_NAMES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  TITLES,
} from './name.lexicon';
import { credentialStarts, strongCueEnds, weakCueEnds } from './name-cues';
import {
  isCommaGap,
  isEponymOrInstitution,
  isListedWord,
  isNameGap,
  isNameWord,
  tokenize,
  type Token,
} from './name-tokens';
import { PRIORITY, type PhiCandidate } from './phi.types';

interface Context {
  text: string;
  tokens: Token[];
  strong: Map<number, boolean>;
  weak: Map<number, boolean>;
  credentials: Set<number>;
  /** The credential positions in order, to skip the credential test where none is near. */
  credentialOrder: number[];
}

interface Found {
  first: number;
  last: number;
  /** Found by a cue rather than by the lists alone: its words may be propagated. */
  sure: boolean;
}

/** Finds English person names in `text`. */
export function findNames(text: string): PhiCandidate[] {
  const tokens = tokenize(text);
  const credentials = credentialStarts(text);
  const ctx: Context = {
    text,
    tokens,
    strong: strongCueEnds(text),
    weak: weakCueEnds(text),
    credentials,
    credentialOrder: [...credentials].sort((a, b) => a - b),
  };
  const taken = new Uint8Array(tokens.length);
  const nameWords = new Set<string>();
  const found: PhiCandidate[] = [];
  const keep = (name: Found): void => {
    for (let k = name.first; k <= name.last; k += 1) {
      taken[k] = 1;
      if (name.sure || name.last > name.first) remember(tokens[k]!, nameWords);
    }
    found.push(span(tokens[name.first]!.start, tokens[name.last]!.end));
  };
  for (let i = 0; i < tokens.length; i += 1) {
    if (taken[i]) continue;
    const name = nameAt(ctx, i);
    if (name === undefined || overlapsTaken(taken, name)) continue;
    keep(name);
    i = name.last;
  }
  // Propagation: later bare mentions of a word already seen in a sure name ("Okonkwo denies…").
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (taken[i] || token.shape === 'lower' || token.shape === 'initial' || !nameWords.has(token.lower))
      continue;
    keep({ first: i, last: extendKnown(ctx, i, nameWords), sure: false });
  }
  return found;
}

/** The name starting at (or, after a title, just after) token i, if any evidence says so. */
function nameAt(ctx: Context, i: number): Found | undefined {
  const { text, tokens } = ctx;
  const token = tokens[i]!;
  const next = tokens[i + 1];
  // "Dr. Smith", "Mrs Okafor", "DR. CHEN", "Dr. de la Cruz": the name starts after the title.
  if (
    TITLES.has(token.lower) &&
    token.shape !== 'lower' &&
    next &&
    isNameGap(text, token.end, next.start, true)
  ) {
    if (isNameWord(next, true) || isParticleStart(ctx, i + 1)) {
      // No "Family, Given" after a title: in "Dr. Iyer, Wound Care" the comma ends the name.
      return { first: i + 1, last: extend(ctx, i + 1, true, false), sure: true };
    }
  }
  // "Patient: …", "seen by …", "her daughter …", "Sincerely, …".
  if (ctx.strong.has(token.start) && (isNameWord(token, true) || isParticleStart(ctx, i))) {
    const last = extend(ctx, i, true, true);
    if (!isHeading(ctx, i, last)) return { first: i, last, sure: true };
  }
  if (!isNameWord(token, true) || token.shape === 'initial') return undefined;
  // "… Jane Doe, MD" / "GREEN, DONALD, MSW": a credential right after the words.
  if (credentialWithin(ctx, token.start, 120)) {
    const beforeCredential = extend(ctx, i, true, true);
    if (ctx.credentials.has(tokens[beforeCredential]!.end) && !isHeading(ctx, i, beforeCredential)) {
      return { first: i, last: beforeCredential, sure: true };
    }
  }
  // "patient Maria …": a weak cue and a listed word.
  if (ctx.weak.has(token.start) && isListedWord(token) && !isEponymOrInstitution(text, token)) {
    return { first: i, last: extend(ctx, i, false, true), sure: true };
  }
  if (!isListedName(ctx, i)) return undefined;
  const last = extend(ctx, i, false, true);
  return { first: extendBack(ctx, i), last, sure: false };
}

/**
 * A name from the lists alone: an unambiguous given name ("Maria"), an ambiguous one only before
 * a listed family name ("Will Smith"), or an unambiguous family name ("Nguyen"). Eponyms and
 * institutions are refused: "Parkinson's disease", "St. Mary's", "Johns Hopkins Hospital".
 */
function isListedName(ctx: Context, i: number): boolean {
  const token = ctx.tokens[i]!;
  const next = ctx.tokens[i + 1];
  if (isEponymOrInstitution(ctx.text, token)) return false;
  const nextIsFamily =
    next !== undefined && FAMILY_NAMES.has(next.lower) && isNameGap(ctx.text, token.end, next.start);
  if (token.shape === 'upper') return GIVEN_NAMES.has(token.lower) && next?.shape === 'upper' && nextIsFamily; // "JOHN SMITH"
  if (GIVEN_NAMES.has(token.lower))
    return !AMBIGUOUS_GIVEN_NAMES.has(token.lower) || (nextIsFamily && next?.shape === 'capitalised');
  return FAMILY_NAMES.has(token.lower) && !AMBIGUOUS_FAMILY_NAMES.has(token.lower);
}

/**
 * Extends a name forward over middle initials, particles ("de la Cruz"), further words, one
 * "Family, Given" comma and a generational suffix. With `allowUnknown` false, further words must
 * be listed, except that an unlisted word after a listed given name is taken as the surname.
 */
function extend(ctx: Context, first: number, allowUnknown: boolean, lastFirst: boolean): number {
  const { text, tokens } = ctx;
  let last = first;
  let usedComma = false;
  for (let k = first + 1; k < tokens.length && k - first < 5; k += 1) {
    const previous = tokens[k - 1]!;
    const token = tokens[k]!;
    if (
      lastFirst &&
      !usedComma &&
      previous.shape !== 'lower' &&
      isCommaGap(text, previous.end, token.start)
    ) {
      const given = allowUnknown
        ? isNameWord(token, true) && token.shape !== 'initial'
        : GIVEN_NAMES.has(token.lower);
      if (!given || sameCaseMismatch(tokens[first]!, token)) break;
      usedComma = true; // "Garcia, Maria", "DE LA CRUZ, KEALA A."
      last = k;
      continue;
    }
    if (!isNameGap(text, previous.end, token.start)) break;
    if (token.shape === 'lower') {
      if (NAME_PARTICLES.has(token.lower) && isParticleStart(ctx, k)) continue;
      break;
    }
    if (NAME_SUFFIXES.has(token.lower)) return k;
    if (token.shape === 'initial') {
      last = k;
      continue;
    }
    if (!isNameWord(token, true) || isEponymOrInstitution(text, token)) break;
    const afterGivenName = GIVEN_NAMES.has(tokens[first]!.lower);
    if (!(allowUnknown || isListedWord(token) || afterGivenName)) break;
    last = k;
  }
  // A name does not end in a particle ("Maria de" before a line break).
  while (last > first && tokens[last]!.shape === 'lower') last -= 1;
  return last;
}

/**
 * Extends a list-found name backwards over a middle initial and one capitalised word
 * ("Percival Hernandez", "Haoran Y. Yoshida"), or over "Family, " before a listed given name
 * ("Okafor, Maria"). Not across a sentence start, where any word is capitalised.
 */
function extendBack(ctx: Context, i: number): number {
  const { text, tokens } = ctx;
  const current = tokens[i]!;
  const before = tokens[i - 1];
  if (before && GIVEN_NAMES.has(current.lower) && isCommaGap(text, before.end, current.start)) {
    const family =
      isNameWord(before, true) && before.shape !== 'initial' && !sameCaseMismatch(before, current);
    return family && !sentenceStart(text, before) ? i - 1 : i;
  }
  let k = i - 1;
  if (tokens[k]?.shape === 'initial' && isNameGap(text, tokens[k]!.end, current.start)) k -= 1;
  const word = tokens[k];
  if (k < 0 || word === undefined || word.shape === 'initial' || !isNameWord(word, true)) return i;
  if (
    !isNameGap(text, word.end, tokens[k + 1]!.start) ||
    sentenceStart(text, word) ||
    isEponymOrInstitution(text, word)
  )
    return i;
  return k;
}

/** Propagated names: consecutive words already known as name words, with initials between. */
function extendKnown(ctx: Context, i: number, nameWords: Set<string>): number {
  const { text, tokens } = ctx;
  let last = i;
  for (let k = i + 1; k < tokens.length && k - i < 4; k += 1) {
    const token = tokens[k]!;
    const gapOk =
      isNameGap(text, tokens[k - 1]!.end, token.start) || isCommaGap(text, tokens[k - 1]!.end, token.start);
    if (!gapOk || !(nameWords.has(token.lower) || (token.shape === 'initial' && last === k - 1))) break;
    last = k;
  }
  return last;
}

/** "de la Cruz": lowercase particles followed by a capitalised word. */
function isParticleStart(ctx: Context, i: number): boolean {
  for (let k = i; k < ctx.tokens.length && k - i < 3; k += 1) {
    const token = ctx.tokens[k]!;
    if (token.shape === 'capitalised') return k > i;
    if (!NAME_PARTICLES.has(token.lower) || !isNameGap(ctx.text, token.end, ctx.tokens[k + 1]?.start ?? -1))
      return false;
  }
  return false;
}

/** "CC: CHEST PAIN" style headings: all capitals, no listed word, no "Family, Given" comma. */
function isHeading(ctx: Context, first: number, last: number): boolean {
  const words = ctx.tokens.slice(first, last + 1);
  if (!words.every((w) => w.shape === 'upper' || w.shape === 'initial')) return false;
  if (words.some((w) => isListedWord(w))) return false;
  return !ctx.text.slice(words[0]!.start, words[words.length - 1]!.end).includes(',');
}

/** "Smith, JOHN" mixes cases the way a name never does; "SMITH, JOHN" and "Smith, John" do not. */
const sameCaseMismatch = (a: Token, b: Token): boolean => (a.shape === 'upper') !== (b.shape === 'upper');

/** Is the token the first word of a sentence (after ". ", "! ", "? ")? */
function sentenceStart(text: string, token: Token): boolean {
  return /[.!?]\s{1,3}$/.test(text.slice(Math.max(0, token.start - 4), token.start));
}

function remember(token: Token, nameWords: Set<string>): void {
  if (token.shape === 'initial' || token.lower.length < 3) return;
  if (NOT_NAME_WORDS.has(token.lower) || NAME_PARTICLES.has(token.lower) || NAME_SUFFIXES.has(token.lower))
    return;
  // Everyday words ("Brown", "Hope") are not propagated: "Ms. White" must not make "White count" a name.
  if (AMBIGUOUS_FAMILY_NAMES.has(token.lower) || AMBIGUOUS_GIVEN_NAMES.has(token.lower)) return;
  nameWords.add(token.lower);
}

function overlapsTaken(taken: Uint8Array, name: Found): boolean {
  for (let k = name.first; k <= name.last; k += 1) if (taken[k]) return true;
  return false;
}

/** Is there a credential in [from, from + distance)? Binary search over the sorted positions. */
function credentialWithin(ctx: Context, from: number, distance: number): boolean {
  const order = ctx.credentialOrder;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < order.length && order[lo]! < from + distance;
}

function span(start: number, end: number): PhiCandidate {
  return { start, end, type: 'NAME', priority: PRIORITY.name };
}
