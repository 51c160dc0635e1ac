import { describe, expect, it } from 'vitest';
import { createReidentifier, reidentify } from './reidentifier';

const map = new Map([
  ['[NAME_1]', 'Ada Lovelace'],
  ['[NAME_10]', 'Grace Hopper'],
  ['[MRN_1]', '555-1234'],
]);

describe('reidentifier', () => {
  it('restores whole texts, longest placeholder first', () => {
    expect(reidentify('[NAME_10] met [NAME_1] ([MRN_1]).', map)).toBe(
      'Grace Hopper met Ada Lovelace (555-1234).',
    );
  });

  it('restores placeholders split across streamed tokens without showing fragments', () => {
    const restore = createReidentifier(map);
    const pieces = ['Patient [NA', 'ME_', '1] has MRN [', 'MRN_1', ']. Done [', 'x'];
    const shown = pieces.map((p) => restore.push(p));
    expect(shown.join('') + restore.flush()).toBe('Patient Ada Lovelace has MRN 555-1234. Done [x');
    expect(shown.some((s) => s.includes('[NA'))).toBe(false);
  });

  it("accepts core/builtins' DeidMap shape", () => {
    const deidMap = {
      version: 1,
      entries: [{ placeholder: '[NAME-1]', type: 'NAME', original: 'Mr. Chen' }],
    };
    expect(reidentify('Ask [NAME-1] and [NAME-2].', deidMap)).toBe('Ask Mr. Chen and [NAME-2].');
  });

  it('accepts a plain object map and passes text through when the map is empty', () => {
    expect(reidentify('[A]', { '[A]': 'a' })).toBe('a');
    const restore = createReidentifier({});
    expect(restore.push('[half')).toBe('[half');
  });
});
