/**
 * One synthetic patient with everything that identifies them, and the many ways clinicians write
 * each identifier. Formats are chosen at random per mention, so the corpus exercises the spread
 * of real notes rather than one canonical form per type.
 */
import {
  CITIES,
  EMAIL_DOMAINS,
  FAMILY,
  FEMALE_GIVEN,
  MALE_GIVEN,
  STREET_NAMES,
  STREET_TYPES,
} from './corpus-people';
import { phi, type Phi, type Piece } from './note-builder';
import type { Rng } from './prng';

/** A person's name parts. */
export interface Person {
  given: string;
  middle: string;
  family: string;
  female: boolean;
}

/** Everything identifying about one synthetic patient. */
export interface Persona {
  patient: Person;
  age: number;
  dob: Date;
  relative: { relation: string; person: Person };
  attending: Person;
  referring: Person;
  nurse: Person;
  street: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  mobile: string;
  fax: string;
  email: string;
  url: string;
  ip: string;
  ssn: string;
  mrn: string;
  member: string;
  account: string;
  license: string;
  vin: string;
  plate: string;
  serial: string;
  otherId: string;
  visit: Date;
  admit: Date;
  discharge: Date;
  followUp: Date;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * 86_400_000);

/** Makes a person; pass `family` to share a relative's surname, `female` to fix the sex. */
export function makePerson(rng: Rng, family?: string, female = rng.chance(0.5)): Person {
  return {
    given: rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN),
    middle: rng.pick(UPPER.split('')),
    family: family ?? rng.pick(FAMILY),
    female,
  };
}

/** Builds a persona. About one in eight patients is over 89, so ages over 89 occur often enough to measure. */
export function makePersona(rng: Rng): Persona {
  const patient = makePerson(rng);
  const age = rng.chance(0.13) ? rng.int(90, 104) : rng.int(19, 89);
  const visit = new Date(Date.UTC(rng.int(2023, 2026), rng.int(0, 11), rng.int(1, 28)));
  const dob = new Date(Date.UTC(visit.getUTCFullYear() - age - 1, rng.int(0, 11), rng.int(1, 28)));
  const [city, state] = rng.pick(CITIES);
  const admit = addDays(visit, -rng.int(2, 12));
  const area = `${rng.int(2, 9)}${rng.chars(DIGITS, 2)}`;
  const number = (): string =>
    `${area}${rng.pick(['555', `${rng.int(2, 9)}${rng.chars(DIGITS, 2)}`])}${rng.chars(DIGITS, 4)}`;
  const ssnArea = rng.int(1, 899);
  return {
    patient,
    age,
    dob,
    relative: makeRelative(rng, patient),
    attending: makePerson(rng),
    referring: makePerson(rng),
    nurse: makePerson(rng),
    street: `${rng.int(1, 9899)} ${rng.chance(0.25) ? `${rng.pick(['N', 'S', 'E', 'W', 'North', 'West'])} ` : ''}${rng.pick(STREET_NAMES)} ${rng.pick(STREET_TYPES)}${rng.chance(0.3) ? `${rng.pick([', Apt ', ' Apt. ', ', Unit ', ' #', ', Suite '])}${rng.int(1, 40)}${rng.pick(['', 'B', 'C'])}` : ''}`,
    city,
    state,
    zip: `${rng.chars(DIGITS, 5)}${rng.chance(0.2) ? `-${rng.chars(DIGITS, 4)}` : ''}`,
    phone: number(),
    mobile: number(),
    fax: number(),
    email:
      `${rng.pick([`${patient.given}.${patient.family}`, `${patient.given[0]}${patient.family}${rng.int(1, 99)}`, `${patient.family}${rng.chars(DIGITS, 3)}`])}`
        .toLowerCase()
        .replace(/[^a-z0-9.]/g, '') + `@${rng.pick(EMAIL_DOMAINS)}`,
    url: rng.pick([
      `https://mychart.example.org/patient/${rng.chars(DIGITS, 7)}`,
      `http://www.facebook.com/${patient.given.toLowerCase()}.${rng.chars(DIGITS, 4)}`,
      `www.${patient.family.toLowerCase().replace(/[^a-z]/g, '')}family.net/blog`,
      `https://portal.example-health.com/records?pid=${rng.chars(DIGITS, 6)}`,
    ]),
    ip: rng.chance(0.8)
      ? `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
      : `2001:db8:${rng.chars('0123456789abcdef', 4)}:${rng.int(1, 9)}::${rng.chars('0123456789abcdef', 3)}`,
    ssn: `${pad(ssnArea === 666 ? 667 : ssnArea, 3)}-${pad(rng.int(1, 99))}-${pad(rng.int(1, 9999), 4)}`,
    mrn: rng.pick([
      rng.chars(DIGITS, 8),
      `00${rng.chars(DIGITS, 6)}`,
      `${rng.pick(UPPER.split(''))}${rng.chars(DIGITS, 7)}`,
      rng.chars(DIGITS, 6),
      `MR-${rng.chars(DIGITS, 7)}`,
    ]),
    member: rng.pick([
      `${rng.chars(UPPER, 3)}${rng.chars(DIGITS, 9)}`,
      `W${rng.chars(DIGITS, 9)}`,
      `${rng.int(1, 9)}${rng.chars(UPPER, 2)}${rng.int(1, 9)}-${rng.chars(UPPER, 2)}${rng.int(1, 9)}-${rng.chars(UPPER, 2)}${rng.chars(DIGITS, 2)}`,
      `${rng.chars(DIGITS, 8)}${rng.pick(['A', 'B'])}`,
    ]),
    account: rng.pick([
      rng.chars(DIGITS, 10),
      `${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 2)}`,
      rng.chars(DIGITS, 8),
    ]),
    license: rng.pick([
      `${rng.pick(UPPER.split(''))}${rng.chars(DIGITS, 7)}`,
      `${rng.pick(UPPER.split(''))}${rng.chars(DIGITS, 3)}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 4)}`,
      `${rng.chars(UPPER, 2)}${rng.chars(DIGITS, 6)}`,
    ]),
    vin: `${rng.int(1, 5)}${rng.chars(UPPER, 4)}${rng.chars(DIGITS, 2)}${rng.chars(UPPER + DIGITS, 10)}`,
    plate: rng.pick([
      `${rng.int(1, 9)}${rng.chars(UPPER, 3)}${rng.chars(DIGITS, 3)}`,
      `${rng.chars(UPPER, 3)}-${rng.chars(DIGITS, 4)}`,
      `${rng.chars(UPPER, 3)} ${rng.chars(DIGITS, 3)}`,
    ]),
    serial: rng.pick([
      `${rng.chars(UPPER, 3)}${rng.chars(DIGITS, 6)}${rng.pick(UPPER.split(''))}`,
      `${rng.chars(DIGITS, 4)}${rng.chars(UPPER, 2)}${rng.chars(DIGITS, 2)}`,
      `SN${rng.chars(DIGITS, 8)}`,
    ]),
    otherId: rng.pick([
      `${rng.chars(DIGITS, 2)}-${rng.chars(DIGITS, 4)}-${rng.chars(DIGITS, 2)}`,
      `S${rng.int(23, 26)}-${rng.chars(DIGITS, 5)}`,
      `CLM${rng.chars(DIGITS, 9)}`,
      rng.chars(DIGITS, 10),
    ]),
    visit,
    admit,
    discharge: addDays(admit, rng.int(2, 9)),
    followUp: addDays(visit, rng.int(7, 60)),
  };
}

const RELATIONS: ReadonlyArray<readonly [string, boolean]> = [
  ['husband', false],
  ['wife', true],
  ['daughter', true],
  ['son', false],
  ['sister', true],
  ['brother', false],
  ['partner', false],
  ['partner', true],
  ['niece', true],
  ['grandson', false],
];

function makeRelative(rng: Rng, patient: Person): Persona['relative'] {
  const [relation, female] = rng.pick(RELATIONS);
  return { relation, person: makePerson(rng, rng.chance(0.5) ? patient.family : undefined, female) };
}

/** A name as written in a note: "Maria Garcia", "Maria L. Garcia", "Garcia, Maria", "GARCIA, MARIA L.". */
export function fullName(rng: Rng, p: Person): Phi {
  return phi(
    'NAME',
    rng.pick([
      `${p.given} ${p.family}`,
      `${p.given} ${p.family}`,
      `${p.given} ${p.middle}. ${p.family}`,
      `${p.family}, ${p.given}`,
      `${p.family.toUpperCase()}, ${p.given.toUpperCase()} ${p.middle}.`,
    ]),
  );
}

/** "Mrs. Garcia" / "Dr. Chen": title text plus the family name as the gold span. */
export function titled(rng: Rng, p: Person, doctor = false): Piece {
  const title = doctor
    ? rng.pick(['Dr. ', 'Dr ', 'Dr. '])
    : p.female
      ? rng.pick(['Mrs. ', 'Ms. ', 'Ms '])
      : rng.pick(['Mr. ', 'Mr ']);
  return [title, phi('NAME', rng.chance(0.25) && doctor ? `${p.given} ${p.family}` : p.family)];
}

/** A date in one of many styles; `year: false` leaves out the year ("March 14", "3/14"). */
export function date(rng: Rng, d: Date, year = true): Phi {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const month = MONTHS[m - 1]!;
  const styles = year
    ? [
        `${pad(m)}/${pad(day)}/${y}`,
        `${m}/${day}/${y}`,
        `${m}/${day}/${String(y).slice(2)}`,
        `${y}-${pad(m)}-${pad(day)}`,
        `${month} ${day}, ${y}`,
        `${month.slice(0, 3)} ${day}, ${y}`,
        `${day} ${month} ${y}`,
        `${pad(day)}-${month.slice(0, 3).toUpperCase()}-${y}`,
        `${day} ${month.slice(0, 3)} ${y}`,
        `${pad(day)}.${pad(m)}.${y}`,
        `${month} ${y}`,
      ]
    : [
        `${month} ${day}`,
        `${month.slice(0, 3)} ${day}`,
        `${m}/${day}`,
        `${day} ${month}`,
        `${month} ${day}${ordinal(day)}`,
      ];
  return phi('DATE', rng.pick(styles));
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** A US phone or fax number in one of the common styles. */
export function phone(rng: Rng, digits: string, type: 'PHONE' | 'FAX' = 'PHONE'): Phi {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return phi(
    type,
    rng.pick([
      `(${a}) ${b}-${c}`,
      `${a}-${b}-${c}`,
      `${a}.${b}.${c}`,
      `+1 ${a} ${b} ${c}`,
      `${a}-${b}-${c} ext. ${rng.int(10, 999)}`,
      `1-${a}-${b}-${c}`,
      `${a} ${b} ${c}`,
    ]),
  );
}

/** The patient's age, with the number as gold AGE_OVER_89 when it is 90 or more. */
export function age(rng: Rng, years: number): Piece {
  const number: Piece = years > 89 ? phi('AGE_OVER_89', String(years)) : String(years);
  return rng.pick<Piece[]>([
    [number, '-year-old'],
    [number, ' y/o'],
    [number, ' year old'],
    ['age ', number],
    [number, ' yo'],
    [number, ' years of age'],
  ]);
}

/** The age as an adjective after "a": "a 92-year-old", "a 67 y/o". */
export function ageAdjective(rng: Rng, years: number): Piece {
  const number: Piece = years > 89 ? phi('AGE_OVER_89', String(years)) : String(years);
  return rng.pick<Piece[]>([
    [number, '-year-old'],
    [number, ' y/o'],
    [number, ' year old'],
    [number, '-yr-old'],
  ]);
}

/** Street, city, state and ZIP as an address block or line. */
export function addressLine(p: Persona, rng: Rng, separator = ', '): Piece {
  return [
    phi('ADDRESS', p.street),
    separator,
    phi('CITY', p.city),
    rng.pick([', ', ' ']),
    p.state,
    ' ',
    phi('ZIP', p.zip),
  ];
}
