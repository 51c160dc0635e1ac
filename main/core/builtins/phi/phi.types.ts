/**
 * The vocabulary of the deterministic PHI detector: one type per HIPAA Safe Harbor identifier
 * category (45 CFR 164.514(b)(2)(i)) that can appear in running text.
 *
 * Categories (P) biometric identifiers and (Q) full-face photographs have no textual form and are
 * deliberately absent; a fingerprint template pasted as text would be caught, if at all, as an ID.
 */

/** Every span type the detector can emit, in report order. */
export const PHI_TYPES = [
  'NAME',
  'DATE',
  'AGE_OVER_89',
  'PHONE',
  'FAX',
  'EMAIL',
  'URL',
  'IP',
  'SSN',
  'MRN',
  'HEALTH_PLAN',
  'ACCOUNT',
  'LICENSE',
  'VEHICLE',
  'DEVICE',
  'ID',
  'ADDRESS',
  'CITY',
  'ZIP',
] as const;

/** One Safe Harbor identifier category as it appears in text. */
export type PhiType = (typeof PHI_TYPES)[number];

/**
 * A detected identifier. Offsets are JavaScript string indices (UTF-16 code units), `end`
 * exclusive, so `text.slice(start, end)` is the identifier even when the text around it is
 * Chinese or contains astral-plane characters.
 */
export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
  /** The covered text; present on detector output, optional on gold annotations. */
  text?: string;
}

/**
 * A rule's proposal before overlaps are resolved. `priority` decides which of two overlapping
 * candidates survives: a more specific rule (an e-mail address) beats a vaguer one (a name token
 * inside it).
 */
export interface PhiCandidate {
  start: number;
  end: number;
  type: PhiType;
  priority: number;
}

/** Priorities shared by the rule files, highest first; see {@link PhiCandidate}. */
export const PRIORITY = {
  email: 100,
  url: 95,
  ip: 90,
  ssn: 85,
  /** A city or ZIP code read from a full address line: surer than a cue word such as "ID". */
  addressPart: 82,
  cuedId: 80,
  phone: 70,
  date: 60,
  age: 60,
  zip: 55,
  address: 50,
  city: 45,
  name: 40,
} as const;

/** Narrows an unknown string (from JSON, a CLI flag) to a {@link PhiType}. */
export function isPhiType(value: string): value is PhiType {
  return (PHI_TYPES as readonly string[]).includes(value);
}
