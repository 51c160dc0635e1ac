import { describe, expect, it } from 'vitest';
import { PHI_TYPES } from '../phi/phi.types';
import { generateCorpus } from './phi-corpus';

describe('generateCorpus', () => {
  const notes = generateCorpus();

  it('makes at least 200 notes of every kind', () => {
    expect(notes.length).toBeGreaterThanOrEqual(200);
    expect(new Set(notes.map((n) => n.kind)).size).toBeGreaterThanOrEqual(13);
  });

  it('is deterministic for a seed and different for another', () => {
    expect(generateCorpus({ notes: 20, seed: 5 })).toEqual(generateCorpus({ notes: 20, seed: 5 }));
    expect(generateCorpus({ notes: 20, seed: 6 })[0]!.text).not.toBe(
      generateCorpus({ notes: 20, seed: 5 })[0]!.text,
    );
  });

  it('labels spans at their exact offsets, sorted and non-overlapping', () => {
    for (const note of notes) {
      let previousEnd = 0;
      for (const span of note.spans) {
        expect(note.text.slice(span.start, span.end)).toBe(span.text);
        expect(span.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = span.end;
      }
    }
  });

  it('covers every identifier type the detector knows', () => {
    const types = new Set(notes.flatMap((n) => n.spans.map((s) => s.type)));
    for (const type of PHI_TYPES) expect(types, type).toContain(type);
  });

  it('carries the distractors that must not be flagged', () => {
    const all = notes.map((n) => n.text).join('\n');
    for (const distractor of [
      /\d+ mg/,
      /BP \d+\/\d+/,
      /\b[A-Z]\d{2}\.\d/,
      /\bin (?:19|20)\d\d\b/,
      /\b[1-8]\d-year-old/,
      /Cardiology|Nephrology/,
      /\d\/10\b/,
    ]) {
      expect(all).toMatch(distractor);
    }
  });
});
