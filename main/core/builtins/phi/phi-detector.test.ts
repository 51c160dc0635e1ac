import { describe, expect, it } from 'vitest';
import { detectPhi } from './phi-detector';
import type { PhiType } from './phi.types';

/** The [type, text] pairs found in `text`. */
const found = (text: string): Array<[PhiType, string]> => detectPhi(text).map((s) => [s.type, s.text!]);
const typesIn = (text: string): PhiType[] => detectPhi(text).map((s) => s.type);

describe('detectPhi — one Safe Harbor category at a time', () => {
  it.each<[string, PhiType, string]>([
    ['Call (614) 555-0142 after 5.', 'PHONE', '(614) 555-0142'],
    ['Home 614.555.0142', 'PHONE', '614.555.0142'],
    ['Cell +1 614 555 0142', 'PHONE', '+1 614 555 0142'],
    ['Office 1-800-555-0199 ext. 12', 'PHONE', '1-800-555-0199 ext. 12'],
    ['UK office +44 20 7946 0958.', 'PHONE', '+44 20 7946 0958'],
    ['callback number 555-0142.', 'PHONE', '555-0142'],
    ['Fax: 614-555-0199', 'FAX', '614-555-0199'],
    ['Tel 614-555-0100  Fax 614-555-0101', 'FAX', '614-555-0101'],
    ['Write to maria.garcia+clinic@example.org today.', 'EMAIL', 'maria.garcia+clinic@example.org'],
    ['Portal: https://mychart.example.org/p/123?x=1.', 'URL', 'https://mychart.example.org/p/123?x=1'],
    ['See www.example-family.net/blog for photos.', 'URL', 'www.example-family.net/blog'],
    ['Logged in from 192.168.10.21.', 'IP', '192.168.10.21'],
    ['IPv6 2001:db8:85a3::8a2e:370:7334 seen', 'IP', '2001:db8:85a3::8a2e:370:7334'],
    ['SSN 123-45-6789', 'SSN', '123-45-6789'],
    ['Social Security No. 123456789', 'SSN', '123456789'],
    ['MRN: 123456', 'MRN', '123456'],
    ['MRN 00123456', 'MRN', '00123456'],
    ['Medical Record #: A1234567', 'MRN', 'A1234567'],
    ['Hospital No. MR-0098123', 'MRN', 'MR-0098123'],
    ['Member ID: XYZ123456789', 'HEALTH_PLAN', 'XYZ123456789'],
    ['Medicare MBI 1EG4-TE5-MK72', 'HEALTH_PLAN', '1EG4-TE5-MK72'],
    ['Account #: 10045567', 'ACCOUNT', '10045567'],
    ['Acct 5500-1234-99', 'ACCOUNT', '5500-1234-99'],
    ["Driver's License: D1234567", 'LICENSE', 'D1234567'],
    ['DEA # AB1234563', 'LICENSE', 'AB1234563'],
    ['VIN 1HGCM82633A004352 on file', 'VEHICLE', '1HGCM82633A004352'],
    ['license plate 7ABC123', 'VEHICLE', '7ABC123'],
    ['pacemaker S/N PJN123456H', 'DEVICE', 'PJN123456H'],
    [
      'UDI (01)00844588003288(17)141120(10)7654321D(21)10',
      'DEVICE',
      '(01)00844588003288(17)141120(10)7654321D(21)10',
    ],
    ['MAC 00:1A:2B:3C:4D:5E', 'DEVICE', '00:1A:2B:3C:4D:5E'],
    ['Claim #: CLM123456789', 'ID', 'CLM123456789'],
    ['Accession # S25-12345', 'ID', 'S25-12345'],
    ['lives at 1423 W Maple Ave Apt 4B with her son', 'ADDRESS', '1423 W Maple Ave Apt 4B'],
    ['Mail to PO Box 5521', 'ADDRESS', 'PO Box 5521'],
    ['moved from Dayton, OH 45402 last year', 'CITY', 'Dayton'],
    ['moved from Dayton, OH 45402 last year', 'ZIP', '45402'],
    ['ZIP code: 45402-1234', 'ZIP', '45402-1234'],
    ['lives in Boston near family', 'CITY', 'Boston'],
    ['a 92-year-old man', 'AGE_OVER_89', '92'],
    ['age 94, lives alone', 'AGE_OVER_89', '94'],
    ['Age: 101.', 'AGE_OVER_89', '101'],
    ['He is 95 y/o.', 'AGE_OVER_89', '95'],
  ])('%s → %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  it.each([
    ['03/14/2025'],
    ['3/14/25'],
    ['2025-03-14'],
    ['March 14, 2025'],
    ['Mar. 14, 2025'],
    ['14 Mar 2025'],
    ['14-MAR-2025'],
    ['14 March'],
    ['March 14th'],
    ['March 2025'],
    ['14.03.2025'],
    ['2025年3月14日'],
  ])('date format %s', (date) => {
    expect(found(`Seen on ${date} in clinic.`)).toContainEqual(['DATE', date]);
  });

  it('takes "3/14" as a date only after a date word', () => {
    expect(found('Follow-up on 3/14 with labs.')).toContainEqual(['DATE', '3/14']);
    expect(typesIn('Pain 7/10, take 1/2 tablet.')).toEqual([]);
  });
});

describe('detectPhi — distractors are not PHI', () => {
  it.each([
    'metoprolol 25 mg PO BID; sacubitril/valsartan 24/26 mg BID',
    'BP 120/80, HR 72, RR 16, T 36.8 C, SpO2 98% on room air',
    'Na 138, K 4.1, Cr 1.02, glucose 142 mg/dL, HbA1c 7.2% (ref 4.0-5.6)',
    'WBC 11.2 x10^9/L, Plt 250 x10^3/uL, INR 2.6, LDL 130 mg/dL',
    'Diagnoses: E11.9, I10, I50.22, N18.31, G43.009',
    'Quit smoking in 2019; colonoscopy due in 2027; served 1968-1971.',
    'A 67-year-old woman and her 45 year old son; age 89.',
    'Seen in Cardiology and the Emergency Department at Mercy General Hospital.',
    "Parkinson's disease, Graves' disease, Bell's palsy; Murphy sign negative; Foley catheter.",
    'Pain 7/10 at rest; take 1/2 tablet; GCS 15; NYHA class II-III; ECOG 1.',
    'Lot 12345-67, expiry 2028; CPT 99214; 3-0 Vicryl; QTc 440 ms; EF 55-60%.',
    'Surgery at 14:30; follow up in 4-6 weeks; q4h PRN; 2 puffs BID.',
    'Group B strep negative; Order 2 units PRBC; Chart reviewed.',
    "St. Mary's Hospital and Johns Hopkins Hospital; White blood cell count normal.",
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('detectPhi — output shape', () => {
  it('returns sorted, non-overlapping spans whose text is the slice', () => {
    const text =
      'Patient: Maria Garcia  MRN: 00123456  DOB: 03/14/1948\nEmail maria@example.com, phone 614-555-0142, 1423 Oak St, Dayton, OH 45402.';
    const spans = detectPhi(text);
    expect(spans.length).toBeGreaterThan(5);
    for (let i = 0; i < spans.length; i += 1) {
      expect(text.slice(spans[i]!.start, spans[i]!.end)).toBe(spans[i]!.text);
      if (i > 0) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
  });

  it('keeps offsets right with Chinese text around identifiers', () => {
    const text =
      '患者张伟，电话138 0013 8000，邮箱zhang.wei@example.cn。于2025年3月14日入院，MRN: 00123456。住址：北京市海淀区中关村大街27号。😀 Dr. Smith';
    const spans = detectPhi(text);
    for (const [type, value] of [
      ['NAME', '张伟'],
      ['PHONE', '138 0013 8000'],
      ['EMAIL', 'zhang.wei@example.cn'],
      ['DATE', '2025年3月14日'],
      ['MRN', '00123456'],
      ['ADDRESS', '北京市海淀区中关村大街27号'],
    ] as const) {
      const span = spans.find((s) => s.type === type && s.text === value);
      expect(span, `${type} ${value}`).toBeDefined();
      expect(span!.start).toBe(text.indexOf(value));
      expect(text.slice(span!.start, span!.end)).toBe(value);
    }
    const smith = spans.find((s) => s.text === 'Smith')!;
    expect(smith.start).toBe(text.indexOf('Smith')); // after an astral-plane emoji (two code units)
  });

  it('filters by type on request', () => {
    expect(typesIn('Dr. Smith, 614-555-0142')).toEqual(['NAME', 'PHONE']);
    expect(detectPhi('Dr. Smith, 614-555-0142', { types: ['PHONE'] }).map((s) => s.type)).toEqual(['PHONE']);
  });

  it('returns nothing for empty text', () => {
    expect(detectPhi('')).toEqual([]);
  });
});
