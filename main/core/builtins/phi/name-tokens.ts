/**
 * The word-token view of a text that the name rules work on, and the small predicates over it.
 * Tokenising once with a linear regex keeps the name rules linear however long the text.
 */
import { FAMILY_NAMES, GIVEN_NAMES, NOT_NAME_WORDS, TITLES } from './name.lexicon';

/** A word of the text. */
export interface Token {
  start: number;
  /** End of the word; a possessive "'s" is left out, an initial's period is kept ("A."). */
  end: number;
  lower: string;
  shape: 'capitalised' | 'upper' | 'lower' | 'initial';
}

// Letters with inner apostrophes/hyphens ("O'Brien", "Lloyd-Jones"): letters and separators never
// overlap, so the regex cannot backtrack.
const WORD = /[A-Za-zÀ-ÖØ-öø-ɏ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ɏ]+)*/g;
const CAPITALISED = /^(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]|(?:Mc|Mac|O['’])[A-Z])/;

/** Splits `text` into word tokens with their shapes. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    const n = word.length;
    // A possessive "'s" is not part of the name ("Smith's" → "Smith").
    if (n > 3 && (word.charCodeAt(n - 1) | 32) === 115 && (word[n - 2] === "'" || word[n - 2] === '’'))
      word = word.slice(0, -2);
    let end = m.index + word.length;
    const lower = word.toLowerCase();
    let shape: Token['shape'];
    const first = word.charCodeAt(0);
    if (word.length === 1 && first >= 65 && first <= 90) {
      shape = 'initial';
      if (text.charCodeAt(end) === 46) end += 1; // "John A. Smith": the period belongs to the initial.
    } else if (lower === word) {
      shape = 'lower';
    } else if (CAPITALISED.test(word)) {
      shape = 'capitalised';
    } else {
      shape = word === word.toUpperCase() ? 'upper' : 'lower';
    }
    tokens.push({ start: m.index, end, lower, shape });
  }
  return tokens;
}

/** Is the word in one of the name lists? */
export const isListedWord = (token: Token): boolean =>
  GIVEN_NAMES.has(token.lower) || FAMILY_NAMES.has(token.lower);

/**
 * Could this token be a word of a name? Lowercase words and stop-list words cannot; with
 * `allowUnknown` false the word must also be on a name list.
 */
export function isNameWord(token: Token, allowUnknown: boolean): boolean {
  if (token.shape === 'lower') return false;
  if (token.shape === 'initial') return true;
  if (NOT_NAME_WORDS.has(token.lower) || TITLES.has(token.lower)) return false;
  return allowUnknown || isListedWord(token);
}

/** Words of one name are separated by one or two spaces (never a line break); after a title, also by ". ". */
export function isNameGap(text: string, from: number, to: number, afterTitle = false): boolean {
  const gap = text.slice(from, to);
  if (gap === ' ' || gap === '  ') return true;
  return afterTitle && (gap === '. ' || gap === '.  ');
}

/** The "Family, Given" separator: a comma and one or two spaces. */
export const isCommaGap = (text: string, from: number, to: number): boolean =>
  /^,\s{1,2}$/.test(text.slice(from, to)) && !text.slice(from, to).includes('\n');

const EPONYM_OR_PLACE_AFTER =
  /^(?:['’]s?)?[ \t]{0,2}(?:disease|syndrome|sign|palsy|lymphoma|sarcoma|catheter|tube|scale|score|test|maneuver|manoeuvre|procedure|criteria|reflex|phenomenon|fracture|ulcer|node|tumou?r|classification|stage|hospital|medical|clinic|center|centre|memorial|university|institute|health|foundation|pavilion|wing|building|hall|street|st\b|avenue|road|drive|blvd)/i;

/** "Parkinson's disease", "Foley catheter", "St. Mary's", "Johns Hopkins Hospital": not a person here. */
export function isEponymOrInstitution(text: string, token: Token): boolean {
  if (EPONYM_OR_PLACE_AFTER.test(text.slice(token.end, token.end + 24))) return true;
  return /(?:\bSt\.?|\bSaint|\bMount|\bMt\.?)\s{1,2}$/.test(
    text.slice(Math.max(0, token.start - 7), token.start),
  );
}
