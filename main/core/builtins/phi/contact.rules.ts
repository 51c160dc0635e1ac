/**
 * Contact identifiers: e-mail addresses, URLs, IP addresses (v4 and v6), telephone and fax
 * numbers (Safe Harbor categories D, E, F, N, O). These have a shape of their own, so they need
 * no cue word; only telling a fax from a phone looks at the words before the number.
 */
import { PRIORITY, type PhiCandidate } from './phi.types';
import { candidate, digitCount, forEachMatch, whole } from './rule-kit';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62}){0,8}\.[A-Za-z]{2,24}(?![\w-])/dg;

// Scheme or www. URLs run to the next character that cannot be in a URL; CJK text after a URL
// therefore ends it, which keeps offsets right in Chinese notes.
const URL_EXPLICIT = /(?<![\w@.])(?:(?:https?|ftp):\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]{1,2048}/dgi;
// Bare host names are only taken with a common top-level domain: "e.g." or "q.i.d." never match.
const URL_BARE =
  /(?<![\w@.-])(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,6}(?:com|org|net|edu|gov|mil|health|info|io|us|cn|uk|ca)(?![\w-])(?:\/[A-Za-z0-9\-._~/?#=&%+]{0,2048})?/dgi;
const URL_TRAILING_PUNCTUATION = /[.,;:!?'\])]+$/;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?!\\.?\\d)`, 'dg');
// A permissive v6 shape (empty groups allowed for "::"); isIpv6 decides.
const IPV6_SHAPE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:])/dg;

// North American numbers: (555) 123-4567, 555.123.4567, +1 555 123 4567, 1-800-555-0199 x123.
const PHONE_NANP =
  /(?<![\w+])(?:\+?1[\s.-]{0,2})?(?:\(\d{3}\)[\s.-]{0,2}|\d{3}[\s.-]{1,2})\d{3}[\s.-]\d{4}(?!\d)(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,5})?/dg;
// Other countries: +44 20 7946 0958, +86 10 6552 9988. Total digits are checked below.
const PHONE_INTERNATIONAL = /(?<![\w+])\+[2-9]\d{0,2}(?:[\s.-]{1,2}\(?\d{1,5}\)?){2,5}(?!\d)/dg;
// Mainland China: mobile 138 0013 8000 / 13800138000 and landline 010-6552 9988.
const PHONE_CN = /(?<![\d+])(?:1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}[\s-]\d{3,4}[\s-]?\d{4})(?!\d)/dg;
// A bare seven-digit number is a phone only when a phone word says so.
const PHONE_LOCAL_CUED =
  /(?:phone|tel|telephone|call|call-?back(?:\s{1,2}number)?(?:\s{1,2}confirmed)?|cell|mobile|pager|beeper|fax|reached\s{1,2}at|电话|手机)\.?\s{0,3}[:#]?\s{0,3}(?<number>\d{3}-\d{4})(?!\d)/dgi;

// "F:" and "(F)" mark a fax on letterheads; "F." does not — it is usually a middle initial.
const FAX_CUE = /(?:[Ff][Aa][Xx]|[Ff]acsimile|传真|\bF\s?:|\bFx\b|\(F\))/g;
const PHONE_CUE =
  /(?:[Pp]hone|[Tt]el|[Mm]obile|[Cc]ell|[Cc]all|[Pp]ager|电话|手机|\b[TPMHC]\s?:|\([TPMHC]\))/g;

/** Finds e-mail addresses, URLs, IP addresses and phone/fax numbers in `text`. */
export function findContactIdentifiers(text: string): PhiCandidate[] {
  const found: PhiCandidate[] = [];
  forEachMatch(EMAIL, text, (m) => found.push(candidate(whole(m), 'EMAIL', PRIORITY.email)));
  for (const pattern of [URL_EXPLICIT, URL_BARE]) {
    forEachMatch(pattern, text, (m) => {
      const trimmed = m[0].replace(URL_TRAILING_PUNCTUATION, '');
      if (trimmed.length > 3)
        found.push({ start: m.index, end: m.index + trimmed.length, type: 'URL', priority: PRIORITY.url });
    });
  }
  forEachMatch(IPV4, text, (m) => found.push(candidate(whole(m), 'IP', PRIORITY.ip)));
  forEachMatch(IPV6_SHAPE, text, (m) => {
    if (isIpv6(m[0])) found.push(candidate(whole(m), 'IP', PRIORITY.ip));
  });
  const phone = (start: number, end: number): void => {
    found.push({ start, end, type: isFaxContext(text, start) ? 'FAX' : 'PHONE', priority: PRIORITY.phone });
  };
  forEachMatch(PHONE_NANP, text, (m) => phone(m.index, m.index + m[0].length));
  forEachMatch(PHONE_INTERNATIONAL, text, (m) => {
    const digits = digitCount(m[0]);
    if (digits >= 8 && digits <= 15) phone(m.index, m.index + m[0].length);
  });
  forEachMatch(PHONE_CN, text, (m) => phone(m.index, m.index + m[0].length));
  forEachMatch(PHONE_LOCAL_CUED, text, (m) => {
    const range = m.indices.groups?.number;
    if (range) phone(range[0], range[1]);
  });
  return found;
}

/**
 * A number is a fax when the nearest cue before it (within a short window on the same line)
 * is a fax word rather than a phone word: "Tel 555-0100 Fax 555-0101" gives one of each.
 */
function isFaxContext(text: string, start: number): boolean {
  let from = Math.max(0, start - 28);
  const lineStart = text.lastIndexOf('\n', start - 1);
  if (lineStart >= from) from = lineStart + 1;
  const window = text.slice(from, start);
  return lastCueEnd(FAX_CUE, window) > lastCueEnd(PHONE_CUE, window);
}

function lastCueEnd(pattern: RegExp, window: string): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(window); m !== null; m = pattern.exec(window)) last = m.index + m[0].length;
  return last;
}

/**
 * Strict IPv6 text check (RFC 4291 §2.2): at most one "::", hex groups of 1–4 digits, eight
 * groups in all (an embedded dotted IPv4 tail counts as two). Written here rather than taken from
 * node:net so the detector stays free of Node built-ins and could run in the renderer.
 * Times such as 10:30:15 and MAC addresses fail it, which is the point.
 */
export function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  let nonEmpty = 0;
  for (let h = 0; h < halves.length; h += 1) {
    const half = halves[h]!;
    if (half === '') continue;
    const parts = half.split(':');
    for (let p = 0; p < parts.length; p += 1) {
      const part = parts[p]!;
      const isLast = h === halves.length - 1 && p === parts.length - 1;
      if (isLast && part.includes('.')) {
        const octets = part.split('.');
        if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return false;
        groups += 2;
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(part)) return false;
        groups += 1;
      }
      nonEmpty += 1;
    }
  }
  if (halves.length === 2) return groups <= 7 && nonEmpty >= 2;
  return groups === 8;
}
