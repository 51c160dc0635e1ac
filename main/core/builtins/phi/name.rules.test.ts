import { describe, expect, it } from 'vitest';
import { findChineseNames } from './chinese-name.rules';
import { findNames } from './name.rules';
import { detectPhi } from './phi-detector';

const names = (text: string): string[] => detectPhi(text, { types: ['NAME'] }).map((s) => s.text!);

describe('names', () => {
  it.each([
    ["Seen today by Dr. Sarah K. O'Neil for follow-up.", ["Sarah K. O'Neil"]],
    ['Mrs. Okonkwo-Baptiste reports dizziness.', ['Okonkwo-Baptiste']],
    ['Patient: Xochitl Quispe', ['Xochitl Quispe']],
    ['PATIENT NAME: GARCIA, MARIA L.', ['GARCIA, MARIA L.']],
    ['Her daughter, Aisha, will drive her home.', ['Aisha']],
    ['Discussed with Tamika Brightwater at bedside.', ['Tamika Brightwater']],
    ['Electronically signed by Jane Doe, MD', ['Jane Doe']],
    ['Sincerely,\n\nThaddeus Abernathy, DO', ['Thaddeus Abernathy']],
    ['Maria Gonzalez presented with chest pain.', ['Maria Gonzalez']],
    ['Provider: Dr. de la Cruz, Pulmonology', ['de la Cruz']],
    ['John Smith Jr. was admitted.', ['John Smith Jr']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('propagates a surname found with a cue to its bare mentions', () => {
    expect(names('Mr. Okwuosa was seen. Okwuosa denies pain.')).toEqual(['Okwuosa', 'Okwuosa']);
  });

  it('leaves out the title, the credential and a possessive', () => {
    expect(names("Dr. Patel's note, cosigned by Lee Chen, RN.")).toEqual(['Patel', 'Lee Chen']);
  });

  it.each([
    "Parkinson's disease and Graves' disease; Bell's palsy.",
    'A Foley catheter was placed; Murphy sign negative.',
    "Admitted to St. Mary's Hospital; Johns Hopkins Hospital records requested.",
    'Patient denies fever. Patient Tolerated diet.',
    'May continue metformin. Will recheck in June.',
    'Referred to Cardiology; seen by Neurology.',
    'CC: CHEST PAIN',
  ])('no name in: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('does not spread an everyday-word surname to the word itself', () => {
    expect(names('Ms. White was seen. White blood cell count 11.2.')).toEqual(['White']);
  });

  it('finds Chinese names after a role word, with UTF-16 offsets', () => {
    // Without a segmenter a name is the surname plus at most two characters: "医生李娜建议" would
    // give 李娜建, so the test writes what forms usually carry, a colon or punctuation after it.
    const text = '姓名：欧阳明（Ming Ouyang）  患者王先生，医生：李娜。';
    const found = findChineseNames(text).map((s) => text.slice(s.start, s.end));
    expect(found).toEqual(['欧阳明', 'Ming Ouyang', '王', '李娜']);
  });

  it('is linear on a long run of capitalised words', () => {
    const text = 'Aaaa '.repeat(200_000);
    const started = performance.now();
    expect(findNames(text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
