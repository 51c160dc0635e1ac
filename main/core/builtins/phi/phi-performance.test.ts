/**
 * The detector runs backtracking regexes over untrusted text; these inputs are the shapes that make
 * a careless pattern quadratic or exponential. Each is a megabyte; a linear scan takes well under a
 * second, a quadratic one minutes, so the generous limit below cannot flake on a slow CI machine yet
 * still catches a regression.
 */
import { describe, expect, it } from 'vitest';
import { detectPhi } from './phi-detector';

const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const LIMIT_MS = 4_000;

function fuzz(seed: number): string {
  const alphabet = '0123456789-./:@#, ()AaZzMrDSt\n患';
  let state = seed;
  let out = '';
  for (let i = 0; i < MB; i += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

describe('detectPhi on 1 MB adversarial inputs', () => {
  it.each([
    ['letters', 'a'],
    ['digits', '1'],
    ['digit-dash', '1-'],
    ['digit-slash', '1/'],
    ['digit-dot', '1.'],
    ['hex-colon', 'a:'],
    ['at-signs', 'a@'],
    ['capitalised words', 'Aa '],
    ['titles', 'Dr. '],
    ['names with commas', 'Smith, '],
    ['street-like', '12 Oak Oak Oak '],
    ['cue words', 'Patient: '],
    ['Chinese', '患'],
  ])('%s', (_name, unit) => {
    const text = fill(unit);
    const started = performance.now();
    detectPhi(text);
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
  });

  it('a URL and an MRN that never end', () => {
    for (const text of ['http://' + 'a'.repeat(MB), 'MRN: ' + '1'.repeat(MB)]) {
      const started = performance.now();
      detectPhi(text);
      expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    }
  });

  it('random punctuation soup', () => {
    const text = fuzz(42);
    const started = performance.now();
    const spans = detectPhi(text);
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
