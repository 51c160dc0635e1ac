/**
 * Geographic subdivisions smaller than a state (Safe Harbor category B): street addresses, cities
 * and ZIP codes. Safe Harbor would let the first three ZIP digits stay for large areas; a
 * de-identifier without the census table cannot know which, so the whole code is taken.
 */
import {
  AMBIGUOUS_CITIES,
  AMBIGUOUS_STATE_ABBREVIATIONS,
  STATE_ABBREVIATIONS,
  STATE_NAMES,
  STREET_TYPE_ABBREVIATIONS,
  STREET_TYPES,
  US_CITIES,
} from './place.lexicon';
import { NOT_NAME_WORDS } from './name.lexicon';
import { PRIORITY, type PhiCandidate } from './phi.types';
import { candidate, forEachMatch, whole } from './rule-kit';

const escape = (word: string): string =>
  word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s{1,3}');
const byLength = (words: readonly string[]): string[] => [...words].sort((a, b) => b.length - a.length);

// A word of a street name: "Oak", "O'Hara", "Martin-Luther", or an ordinal "5th". Capital then
// lowercase, so "4 PM Dr. Smith" is not read as an address.
const STREET_WORD = "(?:[A-Z][a-z'’][A-Za-z'’-]{0,22}|[A-Z]|\\d{1,3}(?:st|nd|rd|th))";
// Spaces inside a street never include a line break.
const GAP = '[ \\t]{1,2}';
const DIRECTION = `(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?${GAP})?`;
const UNIT =
  '(?:(?:,[ \\t]{0,2}|[ \\t]{1,2})(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Floor|Fl|Bldg|Building|#)\\.?[ \\t]{0,2}#?[ \\t]{0,2}[A-Z0-9][A-Z0-9-]{0,5}(?![\\w-]))?';
const STREET = new RegExp(
  `(?<![\\w/.-])\\d{1,6}[A-Z]?(?:-\\d{1,4})?${GAP}${DIRECTION}` +
    `(?:(?:${STREET_WORD}${GAP}){1,4}(?:(?:${byLength(STREET_TYPES).join('|')})(?![\\w'’])|(?:${byLength(STREET_TYPE_ABBREVIATIONS).join('|')})(?![\\w'’])\\.?)|Broadway(?![\\w'’]))` +
    UNIT,
  'dg',
);
const PO_BOX = /(?<![\w])P\.?\s?O\.?\s{0,2}Box\s{1,2}\d{1,6}(?![\w-])/dgi;
// 地址：北京市海淀区中关村大街27号 — the value runs to the house number (号, then 室), or failing
// that to the first 村/组/弄.
const CHINESE_ADDRESS =
  /(?:住址|地址|家庭住址|现住址|家住|住在)[:：]?\s{0,2}(?<value>[\u4e00-\u9fff0-9A-Za-z-]{2,40}?\d{1,5}号(?:\d{1,5}室)?|[\u4e00-\u9fff0-9A-Za-z-]{2,40}?(?:村|组|弄))/dg;

const STATE_ALTERNATION = `(?:${byLength(STATE_NAMES).map(escape).join('|')}|${STATE_ABBREVIATIONS.join('|')})`;
const ZIP_AFTER_STATE = new RegExp(
  `(?<![\\w])(?<state>${STATE_ALTERNATION}),?\\s{1,3}(?<zip>\\d{5}(?:-\\d{4})?)(?![\\w-])`,
  'dg',
);
const ZIP_CUED =
  /(?:\bzip(?:\s{0,2}code)?|\bpostal\s{1,2}code|邮编|邮政编码)\s{0,3}[:#：]?\s{0,3}(?<zip>\d{5}(?:-\d{4})?|\d{6})(?![\w-])/dgi;
const ZIP_PLUS_FOUR = /(?<![\w-])\d{5}-\d{4}(?![\w-])/dg;

const KNOWN_CITY = new RegExp(
  `(?<![\\w.])(?:${byLength(US_CITIES).map(escape).join('|')})(?![\\w'’-])`,
  'dg',
);
// Any capitalised one-to-three word place before ", <state>": "Smallville, OH 45000".
const PLACE_BEFORE_STATE = new RegExp(
  `(?<![\\w'’-])(?<city>[A-Z][a-z]{2,20}(?:[ -](?:[A-Z][a-z]{1,20}|of|on|upon)){0,2}),\\s{1,2}(?<state>${STATE_ALTERNATION})(?![\\w])(?<zip>,?\\s{1,3}\\d{5})?`,
  'dg',
);
// What follows a street address: ", Springfield, IL 62704", " Medford OR 97501", ", Omaha." —
// read with the sticky flag from the end of the street match.
const ADDRESS_TAIL = new RegExp(
  `,?\\s{1,2}(?<city>[A-Z][a-z]{1,20}(?:[ -][A-Z][a-z]{1,20}){0,2})(?:(?:,\\s{0,2}|\\s{1,2})(?<state>${STATE_ALTERNATION})(?![\\w])(?:,?\\s{1,3}(?<zip>\\d{5}(?:-\\d{4})?)(?![\\w-]))?|(?=[ \\t]{0,2}(?:[.;\\n]|$)))`,
  'dy',
);
const STATE_AFTER = new RegExp(`^,?\\s{1,2}${STATE_ALTERNATION}(?![\\w])`);
const RESIDENCE_CUE =
  /\b(?:lives|living|resides|residing|resident|native|moved|relocated|born|grew up|home|from|to|in|near|visiting|travell?ed|returned)\b[^\n.;]{0,6}$/i;
const INSTITUTION_AFTER =
  /^[\s-]{1,2}(?:Clinic|Hospital|Medical|Health|General|Memorial|Children|University|Regional|Community|Heart|Cancer|VA\b)/;

/** The city (and ZIP) written right after a street address. */
function addressTail(text: string, from: number, found: PhiCandidate[]): void {
  ADDRESS_TAIL.lastIndex = from;
  const m = ADDRESS_TAIL.exec(text) as (RegExpExecArray & { indices: RegExpIndicesArray }) | null;
  if (m === null) return;
  const city = m.indices.groups!.city!;
  if (NOT_NAME_WORDS.has(text.slice(city[0], city[1]).split(/[ -]/)[0]!.toLowerCase())) return;
  found.push(candidate(city, 'CITY', PRIORITY.addressPart));
  const zip = m.indices.groups!.zip;
  if (zip) found.push(candidate(zip, 'ZIP', PRIORITY.addressPart));
}

/** Finds street addresses, cities and ZIP codes in `text`. */
export function findLocations(text: string): PhiCandidate[] {
  const found: PhiCandidate[] = [];
  forEachMatch(STREET, text, (m) => {
    found.push(candidate(whole(m), 'ADDRESS', PRIORITY.address));
    addressTail(text, m.index + m[0].length, found);
  });
  forEachMatch(PO_BOX, text, (m) => found.push(candidate(whole(m), 'ADDRESS', PRIORITY.address)));
  forEachMatch(CHINESE_ADDRESS, text, (m) =>
    found.push(candidate(m.indices.groups!.value!, 'ADDRESS', PRIORITY.address)),
  );
  forEachMatch(ZIP_AFTER_STATE, text, (m) => {
    // "ID 12345" or "OR 20001" is not a state and a ZIP unless a city and comma come first.
    const ambiguous = AMBIGUOUS_STATE_ABBREVIATIONS.has(m.groups!.state!);
    if (ambiguous && !/,\s{0,2}$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return;
    found.push(candidate(m.indices.groups!.zip!, 'ZIP', PRIORITY.zip));
  });
  forEachMatch(ZIP_CUED, text, (m) => found.push(candidate(m.indices.groups!.zip!, 'ZIP', PRIORITY.zip)));
  forEachMatch(ZIP_PLUS_FOUR, text, (m) => found.push(candidate(whole(m), 'ZIP', PRIORITY.zip)));
  forEachMatch(KNOWN_CITY, text, (m) => {
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 40);
    if (INSTITUTION_AFTER.test(after)) return;
    const beforeState = STATE_AFTER.test(after);
    const cued = RESIDENCE_CUE.test(text.slice(Math.max(0, m.index - 30), m.index));
    const city = m[0].replace(/\s+/g, ' ');
    if (beforeState || (cued && !AMBIGUOUS_CITIES.has(city)))
      found.push(candidate(whole(m), 'CITY', PRIORITY.city));
  });
  forEachMatch(PLACE_BEFORE_STATE, text, (m) => {
    const g = m.groups!;
    const firstWord = g.city!.split(/[ -]/)[0]!;
    if (NOT_NAME_WORDS.has(firstWord.toLowerCase())) return;
    if (AMBIGUOUS_STATE_ABBREVIATIONS.has(g.state!) && g.zip === undefined) return;
    found.push(candidate(m.indices.groups!.city!, 'CITY', PRIORITY.city));
    // "Pocatello, ID 83201": the five digits are the ZIP, not an "ID" number.
    const zip = m.indices.groups!.zip;
    if (zip) found.push(candidate([zip[1] - 5, zip[1]], 'ZIP', PRIORITY.addressPart));
  });
  return found;
}
