/**
 * Dates and ages (Safe Harbor category C): every element of a date except the year alone, and
 * any age over 89. A bare year ("in 2019") is allowed by the rule and never matched; a month with
 * a year ("March 2025") is matched because the month is a date element.
 */
import { PRIORITY, type PhiCandidate } from './phi.types';
import { forEachMatch } from './rule-kit';

const MONTH =
  '(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)?';
const YEAR4 = '(?:1[89]|20)\\d{2}';

// 03/14/2025, 3/14/25, 14.03.2025, 03-14-2025: two-digit years only with "/", where "3-14-25"
// would otherwise collide with ranges such as "10-12-15 mg".
const NUMERIC_DMY_OR_MDY = new RegExp(
  `(?<![\\w/.-])(?<a>\\d{1,2})(?:/(?<b1>\\d{1,2})/(?<y1>${YEAR4}|\\d{2})|(?<sep>[.-])(?<b2>\\d{1,2})\\k<sep>(?<y2>${YEAR4}))(?![\\w/]|[.-]\\d)`,
  'dg',
);
// 2025-03-14, 2025/3/14, 2025.03.14, also the date part of 2025-03-14T10:30.
const NUMERIC_ISO = new RegExp(
  `(?<![\\w/.-])(?<y>${YEAR4})(?<sep>[-/.])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2})(?![\\d/]|[.-]\\d)`,
  'dg',
);
// 3/14 without a year: only near a date word, because "7/10 pain" and "1/2 tablet" are not dates.
const NUMERIC_MONTH_DAY = /(?<![\w/.-])(?<a>\d{1,2})\/(?<b>\d{1,2})(?![\w/]|\.\d)/dg;
const MONTH_DAY_CUE =
  /\b(?:on|since|dated?|DOB|born|seen|admitted|admission|discharged?|from|until|till|through|by|before|after|starting|started|f\/u|follow[- ]?up|return|visit|surgery|procedure|last|next|due|scheduled|appt|appointment|effective)\b[^\n\d]{0,12}$/i;
const NOT_DATE_AFTER = /^\s{0,2}(?:tabs?|tablets?|caps?|of|strength|pain|scale|score|ratio)\b/i;
// March 14, 2025 / Mar. 14th / March 14 — and 14 March 2025 / 14th of March / 14-MAR-2025.
// Spaces inside a date never include a line break: "12:21\nSEP…" is a time and a surname.
// A period after the month is taken only after an abbreviation ("Aug. 3"), never a sentence end.
const MONTH_DOT = '(?:(?<=\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\\.)?';
const SPACE = '[ \\t\\u00a0]';
const MONTH_FIRST = new RegExp(
  `(?<![\\w])${MONTH}${MONTH_DOT}(?:${SPACE}{1,3}|-)(?<day>\\d{1,2})${ORDINAL}(?!\\d|:\\d)(?:(?:,${SPACE}{0,3}|${SPACE}{1,3}|-)(?<year>${YEAR4}))?(?!\\d)`,
  'dgi',
);
const DAY_FIRST = new RegExp(
  `(?<![\\w.:])(?<day>\\d{1,2})${ORDINAL}(?:${SPACE}{1,3}(?:of${SPACE}{1,3})?|-)${MONTH}${MONTH_DOT}(?![A-Za-zÀ-ɏ])(?:(?:,${SPACE}{0,3}|${SPACE}{1,3}|-)(?<year>${YEAR4}))?(?!\\d)`,
  'dgi',
);
// March 2025, Mar 2025, March of 2025.
const MONTH_YEAR = new RegExp(
  `(?<![\\w])${MONTH}${MONTH_DOT},?${SPACE}{1,3}(?:of${SPACE}{1,3})?(?<year>${YEAR4})(?!\\d)`,
  'dgi',
);
// Chinese dates: 2025年3月14日, 3月14日, 2025年3月.
const CHINESE = /(?<!\d)(?:\d{4}年\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}月\d{1,2}[日号])/dg;

const AGE_NUMBER = '(?<age>9\\d|1[0-1]\\d)';
const AGE_BEFORE_UNIT = new RegExp(
  `(?<![\\w.])${AGE_NUMBER}(?:\\s{0,2}-?\\s{0,2}(?:years?|yrs?)[\\s-]{0,2}old\\b|\\s{0,2}(?:y/o|yo|y\\.o\\.|yrs?\\b|years?\\s{1,2}of\\s{1,2}age)|岁)`,
  'dgi',
);
const AGE_AFTER_CUE = new RegExp(
  `\\b(?:age[ds]?|aged|年龄)\\s{0,2}[:：]?\\s{0,2}${AGE_NUMBER}(?!\\d|\\.\\d)`,
  'dgi',
);

/** Finds dates (all elements but a lone year) and ages over 89 in `text`. */
export function findDatesAndAges(text: string): PhiCandidate[] {
  const found: PhiCandidate[] = [];
  const date = (start: number, end: number): void => {
    found.push({ start, end, type: 'DATE', priority: PRIORITY.date });
  };
  forEachMatch(NUMERIC_DMY_OR_MDY, text, (m) => {
    const g = m.groups!;
    if (isDayMonthPair(Number(g.a), Number(g.b1 ?? g.b2))) date(m.index, m.index + m[0].length);
  });
  forEachMatch(NUMERIC_ISO, text, (m) => {
    const g = m.groups!;
    if (isMonth(Number(g.m)) && isDay(Number(g.d))) date(m.index, m.index + m[0].length);
  });
  forEachMatch(NUMERIC_MONTH_DAY, text, (m) => {
    const g = m.groups!;
    if (!isDayMonthPair(Number(g.a), Number(g.b))) return;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (MONTH_DAY_CUE.test(before) && !NOT_DATE_AFTER.test(after)) date(m.index, m.index + m[0].length);
  });
  for (const pattern of [MONTH_FIRST, DAY_FIRST]) {
    forEachMatch(pattern, text, (m) => {
      if (isMonthWord(m.groups!.month!, m.groups!.year !== undefined) && isDay(Number(m.groups!.day))) {
        date(m.index, m.index + m[0].length);
      }
    });
  }
  forEachMatch(MONTH_YEAR, text, (m) => {
    if (isMonthWord(m.groups!.month!, true)) date(m.index, m.index + m[0].length);
  });
  forEachMatch(CHINESE, text, (m) => date(m.index, m.index + m[0].length));
  for (const pattern of [AGE_BEFORE_UNIT, AGE_AFTER_CUE]) {
    forEachMatch(pattern, text, (m) => {
      const range = m.indices.groups!.age!;
      found.push({ start: range[0], end: range[1], type: 'AGE_OVER_89', priority: PRIORITY.age });
    });
  }
  return found;
}

const isMonth = (n: number): boolean => n >= 1 && n <= 12;
const isDay = (n: number): boolean => n >= 1 && n <= 31;
/** US month/day or European day/month: either reading makes it a date. */
const isDayMonthPair = (a: number, b: number): boolean =>
  (isMonth(a) && isDay(b)) || (isDay(a) && isMonth(b));

/**
 * The month patterns are case-insensitive so "14-MAR-2025" from a lab system matches. An
 * all-lowercase month ("may 5", "mar") is refused: in notes it is a verb or an abbreviation far
 * more often than a date. Upper-case MAY and MAR need a year, because alone they are the modal
 * verb in a heading and the medication administration record.
 */
function isMonthWord(word: string, hasYear: boolean): boolean {
  if (word === word.toLowerCase()) return false;
  if (word === 'MAY' || word === 'MAR') return hasYear;
  return true;
}
