import { describe, expect, it } from 'vitest';
import { deidentify, parseDeidMap, reidentify } from './deidentify';

const note =
  'Patient: Maria Garcia, MRN 00123456, seen 03/14/2025 by Dr. Patel.\n' +
  'Maria Garcia lives at 1423 Oak St, Dayton, OH 45402; phone 614-555-0142.\n' +
  '患者张伟，电话138 0013 8000，于2025年3月14日入院。';

describe('deidentify / reidentify', () => {
  it('replaces identifiers with typed placeholders, the same original with the same one', () => {
    const { text, map } = deidentify(note);
    expect(text).toContain('Patient: [NAME-1], MRN [MRN-1], seen [DATE-1] by Dr. [NAME-2].');
    expect(text).toContain('[NAME-1] lives at [ADDRESS-1], [CITY-1], OH [ZIP-1]; phone [PHONE-1].');
    expect(text).toContain('患者[NAME-3]，电话[PHONE-2]，于[DATE-2]入院。');
    expect(text).not.toMatch(/Garcia|00123456|614-555|张伟/);
    expect(map.entries.filter((e) => e.original === 'Maria Garcia')).toHaveLength(1);
  });

  it('round-trips exactly', () => {
    const { text, map } = deidentify(note);
    expect(reidentify(text, map)).toBe(note);
  });

  it("maps a model's answer back, leaving unknown placeholders alone", () => {
    const { map } = deidentify(note);
    const answer = 'Summary: [NAME-1] ([MRN-1]) was seen on [DATE-1]; [NAME-9] is not in the note.';
    expect(reidentify(answer, map)).toBe(
      'Summary: Maria Garcia (00123456) was seen on 03/14/2025; [NAME-9] is not in the note.',
    );
  });

  it('never reuses a placeholder that already occurs in the input', () => {
    const input = 'Template token [NAME-1] stays. Dr. Patel signed.';
    const { text, map } = deidentify(input);
    expect(text).toBe('Template token [NAME-1] stays. Dr. [NAME-2] signed.');
    expect(reidentify(text, map)).toBe(input);
  });

  it('accepts caller-supplied spans and ignores overlapping or out-of-range ones', () => {
    const { text } = deidentify('abc def ghi', {
      spans: [
        { start: 4, end: 7, type: 'ID' },
        { start: 5, end: 9, type: 'NAME' },
        { start: 20, end: 30, type: 'NAME' },
      ],
    });
    expect(text).toBe('abc [ID-1] ghi');
  });

  it('validates a stored map', () => {
    const { map } = deidentify(note);
    expect(parseDeidMap(JSON.parse(JSON.stringify(map)))).toEqual(map);
    expect(() => parseDeidMap({ version: 2, entries: [] })).toThrow();
    expect(() =>
      parseDeidMap({ version: 1, entries: [{ placeholder: '[X-1]', type: 'NOPE', original: 'x' }] }),
    ).toThrow();
  });
});
