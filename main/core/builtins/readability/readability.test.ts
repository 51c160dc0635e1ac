import { describe, expect, it } from 'vitest';
import { assessReadability, meetsGradeTarget } from './readability';
import { countSyllables } from './syllable-count';

describe('countSyllables', () => {
  it('agrees with dictionary counts on at least 90% of common words', () => {
    const words: Record<string, number> = {
      cat: 1,
      table: 2,
      readability: 5,
      medication: 4,
      simple: 2,
      water: 2,
      doctor: 2,
      blood: 1,
      pressure: 2,
      heart: 1,
      kidney: 2,
      tablet: 2,
      morning: 2,
      evening: 3,
      dizzy: 2,
      walked: 1,
      needed: 2,
      boxes: 2,
      makes: 1,
      happy: 2,
      family: 3,
      important: 3,
      information: 4,
      understand: 3,
      appointment: 3,
      emergency: 4,
      symptoms: 2,
      education: 4,
      pharmacy: 3,
      vaccine: 2,
      infection: 3,
      antibiotic: 5,
      hypertension: 4,
      cholesterol: 4,
      physician: 3,
      temperature: 4,
      violin: 3,
      usual: 3,
      theory: 3,
      beautiful: 3,
      little: 2,
      together: 3,
      yellow: 2,
      exercise: 3,
      nutrition: 3,
      tomorrow: 3,
      generally: 4,
      wound: 1,
      surgery: 3,
      recovery: 4,
      diagnosis: 4,
      insurance: 3,
      decided: 3,
      juice: 1,
    };
    const right = Object.entries(words).filter(([w, n]) => countSyllables(w) === n).length;
    expect(right / Object.keys(words).length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('assessReadability', () => {
  it('rates "The cat sat on the mat." below grade 1', () => {
    const r = assessReadability('The cat sat on the mat.');
    expect(r).toMatchObject({ kind: 'flesch-kincaid', words: 6, sentences: 1, syllables: 6 });
    if (r.kind !== 'flesch-kincaid') throw new Error('expected a grade');
    expect(r.gradeLevel).toBeLessThan(1);
    expect(r.readingEase).toBeGreaterThan(100);
  });

  it('rates dense academic prose far above grade 12', () => {
    const r = assessReadability(
      'The epistemological ramifications of contemporary neuroscientific investigations necessitate comprehensive reconsideration of longstanding philosophical presuppositions concerning consciousness.',
    );
    if (r.kind !== 'flesch-kincaid') throw new Error('expected a grade');
    expect(r.gradeLevel).toBeGreaterThan(16);
    expect(r.readingEase).toBeLessThan(0);
  });

  it('checks a leaflet against the 6th-grade target', () => {
    const easy = assessReadability('Take one pill each day. Drink lots of water. Call us if you feel sick.');
    const hard = assessReadability(
      'Antihypertensive pharmacotherapy necessitates consistent adherence, periodic laboratory evaluation of electrolytes, and individualized titration.',
    );
    expect(meetsGradeTarget(easy)).toBe(true);
    expect(meetsGradeTarget(hard)).toBe(false);
  });

  it('says Flesch–Kincaid does not apply to Chinese and gives a labelled character measure', () => {
    const r = assessReadability('患者因胸痛入院。医生建议休息！每天服药两次。');
    expect(r.kind).toBe('not-applicable');
    if (r.kind !== 'not-applicable') throw new Error('expected not applicable');
    expect(r.language).toBe('zh');
    expect(r.characterMeasure).toMatchObject({
      hanCharacters: 19,
      sentences: 3,
      hanCharactersPerSentence: 6.3,
    });
    expect(r.characterMeasure!.label).toMatch(/not a grade level/);
    expect(meetsGradeTarget(r)).toBeUndefined();
  });

  it('has nothing to measure in numbers alone', () => {
    expect(assessReadability('120/80 98.6').kind).toBe('not-applicable');
  });
});
