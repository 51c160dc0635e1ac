/**
 * Numbers that identify a person or their property (Safe Harbor categories G–M and R): SSNs,
 * medical record, health plan, account, certificate/licence, vehicle and device numbers, and any
 * other identifying number. Apart from the SSN, the VIN, the GS1 device identifier and the MAC
 * address, an identifier has no shape of its own — "123456" may be a platelet count — so these are
 * found by the cue word in front of them, and the span covers the value only, never the cue.
 */
import { PRIORITY, type PhiCandidate, type PhiType } from './phi.types';
import { alternation, candidate, forEachMatch, whole } from './rule-kit';

/** Cue words per type. A cue may be followed by "number", "no.", "#", ":" before the value. */
const CUES: ReadonlyArray<{ type: PhiType; english: string[]; chinese: string[] }> = [
  {
    type: 'MRN',
    english: [
      'MRN',
      'MR#',
      'MR No',
      'MR Number',
      'Medical Record',
      'Med Rec',
      'Med Record',
      'Chart',
      'Hospital No',
      'Hospital Number',
      'Unit No',
      'Unit Number',
      'Patient ID',
      'Pt ID',
      'Patient Number',
    ],
    chinese: ['病历号', '住院号', '门诊号', '病案号'],
  },
  {
    type: 'HEALTH_PLAN',
    english: [
      'Member ID',
      'Member',
      'Subscriber ID',
      'Subscriber',
      'Policy',
      'Insurance ID',
      'Insurance',
      'Health Plan ID',
      'Health Plan',
      'Plan ID',
      'Medicare ID',
      'Medicare',
      'MBI',
      'Medicaid ID',
      'Medicaid',
      'Beneficiary ID',
      'Beneficiary',
      'Group',
    ],
    chinese: ['医保卡号', '医保号', '社保卡号'],
  },
  {
    type: 'ACCOUNT',
    english: [
      'Account',
      'Acct',
      'A/C',
      'Billing Account',
      'Bank Account',
      'FIN',
      'Financial Number',
      'Guarantor Account',
    ],
    chinese: ['账号', '帐号', '银行卡号'],
  },
  {
    type: 'LICENSE',
    english: [
      'License',
      'Licence',
      'Lic',
      "Driver's License",
      'Drivers License',
      'Driver License',
      'DL',
      'DEA',
      'NPI',
      'Certificate',
      'Cert',
      'Birth Certificate',
      'Death Certificate',
      'Board Certification',
    ],
    chinese: ['驾驶证号', '执业证号', '证书编号'],
  },
  {
    type: 'VEHICLE',
    english: [
      'VIN',
      'Vehicle Identification',
      'Vehicle ID',
      'License Plate',
      'Licence Plate',
      'Plate',
      'Tag',
    ],
    chinese: ['车牌号', '车牌', '车架号'],
  },
  {
    type: 'DEVICE',
    english: [
      'Serial',
      'S/N',
      'SN',
      'Device ID',
      'Device Serial',
      'Device',
      'UDI',
      'IMEI',
      'Implant ID',
      'Pacemaker Serial',
      'Pump Serial',
      'Model/Serial',
    ],
    chinese: ['设备编号', '序列号', '序号'],
  },
  {
    type: 'ID',
    english: [
      'ID',
      'I.D.',
      'ID card',
      'Identity card',
      'Identification',
      'Identifier',
      'Case',
      'Claim',
      'Accession',
      'Specimen',
      'Encounter',
      'Visit',
      'Employee ID',
      'Employee',
      'Student ID',
      'Passport',
      'Badge',
      'Order',
      'Requisition',
      'Enrollment ID',
      'Study ID',
      'Subject ID',
      'Reference',
    ],
    chinese: ['身份证号', '身份证', '编号', '证件号'],
  },
];

// Between cue and value: "number", "no.", "#", "ID", a colon, "is". Bounded so a long run of
// these words cannot make the engine backtrack far.
const CUE_TAIL =
  '(?:\\s{0,3}(?:[Nn]umbers?|NUMBER|[Nn][Oo][Ss]?\\.?|[Nn]um\\.?|#|I[Dd]s?|[Cc]ode)){0,2}\\s{0,3}(?:[:#=：]|\\bis\\b)?\\s{0,3}';
// A value: letters, digits and dashes with at least one digit, optionally followed by up to three
// groups of three or more digits ("1234 5678 9012"). Dots are refused, so "Chart 3.5" is not an ID.
const VALUE =
  '(?<value>(?=[A-Za-z0-9-]{0,30}\\d)[A-Za-z0-9][A-Za-z0-9-]{2,30}(?:[ ]\\d{3,8}){0,3})(?![\\w.]\\d|[\\w-])';
// Licence plates are often written in two groups with letters first: "TKN 121", "7ABC 123".
const PLATE_VALUE =
  '(?<value>(?=[A-Za-z0-9 -]{0,12}\\d)[A-Za-z0-9][A-Za-z0-9-]{1,20}(?:[ ](?=[A-Z]{0,4}\\d)[A-Z0-9]{2,5})?)(?![\\w.]\\d|[\\w-])';

function cuePattern(type: PhiType, english: readonly string[], chinese: readonly string[]): RegExp {
  const englishCues = `(?<![A-Za-z])(?:${alternation(english)})(?![A-Za-z])\\.?`;
  const cues = chinese.length > 0 ? `(?:${englishCues}|${alternation(chinese)})` : englishCues;
  return new RegExp(`${cues}${CUE_TAIL}${type === 'VEHICLE' ? PLATE_VALUE : VALUE}`, 'dg');
}

const CUE_PATTERNS = CUES.map((entry) => ({
  type: entry.type,
  pattern: cuePattern(entry.type, entry.english, entry.chinese),
}));

// SSN: the printed 3-2-4 form needs no cue (except impossible area/group/serial numbers);
// nine bare digits or a spaced form needs "SSN" / "Social Security" in front.
const SSN_DASHED = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/dg;
const SSN_CUED =
  /(?:\bSSN|\bSS#|\bSocial\s{1,3}Security(?:\s{1,3}(?:Number|No\.?|#))?)\s{0,3}[:#]{0,2}\s{0,3}(?<value>\d{3}[- ]?\d{2}[- ]?\d{4})(?![\w-])/dgi;
// Vehicle identification number: 17 characters, no I, O or Q, letters and digits mixed.
const VIN =
  /(?<![\w-])(?=[A-HJ-NPR-Z0-9]{0,16}\d)(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![\w-])/dg;
// GS1 unique device identifier as printed on implant cards: (01)GTIN followed by AIs.
const GS1_UDI = /\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9-]{1,20}){0,5}/dg;
const MAC_ADDRESS =
  /(?<![\w:-])[0-9A-Fa-f]{2}(?<sep>[:-])(?:[0-9A-Fa-f]{2}\k<sep>){4}[0-9A-Fa-f]{2}(?![\w:-])/dg;
// Mainland resident identity number: 18 characters, the last may be X.
const CN_RESIDENT_ID =
  /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\w])/dg;

/** Finds SSNs, record/plan/account/licence/vehicle/device numbers and other cued IDs in `text`. */
export function findIdentifiers(text: string): PhiCandidate[] {
  const found: PhiCandidate[] = [];
  for (const { type, pattern } of CUE_PATTERNS) {
    forEachMatch(pattern, text, (m) => {
      const range = m.indices.groups!.value!;
      const value = m.groups!.value!;
      if (!isPlausibleValue(value)) return false;
      found.push(candidate(range, type, PRIORITY.cuedId));
    });
  }
  forEachMatch(SSN_DASHED, text, (m) => found.push(candidate(whole(m), 'SSN', PRIORITY.ssn)));
  forEachMatch(SSN_CUED, text, (m) => found.push(candidate(m.indices.groups!.value!, 'SSN', PRIORITY.ssn)));
  forEachMatch(VIN, text, (m) => found.push(candidate(whole(m), 'VEHICLE', PRIORITY.cuedId)));
  forEachMatch(GS1_UDI, text, (m) => found.push(candidate(whole(m), 'DEVICE', PRIORITY.cuedId)));
  forEachMatch(MAC_ADDRESS, text, (m) => found.push(candidate(whole(m), 'DEVICE', PRIORITY.cuedId)));
  forEachMatch(CN_RESIDENT_ID, text, (m) => found.push(candidate(whole(m), 'ID', PRIORITY.cuedId)));
  return found;
}

/**
 * Cue words such as "Group" or "Order" also start ordinary phrases ("Group B strep", "order 2
 * units"), so a value must look like an identifier: at least four characters with at least three
 * digits, or mixed letters and digits of six or more. Lab-style values ("5mg", "2x") fail.
 */
function isPlausibleValue(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  const digits = compact.replace(/\D/g, '').length;
  if (compact.length < 4) return false;
  if (/^\d+(?:mg|mcg|ml|g|kg|units?|x|hrs?|h|d|wks?|mm|cm)$/i.test(compact)) return false;
  // A date after "Visit" or "Case" is a DATE, which the date rules report with the right type.
  if (/^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-(?:\d{1,2}|[A-Za-z]{3})-\d{2,4})$/.test(value)) return false;
  return digits >= 3 || (digits >= 1 && compact.length >= 6);
}
