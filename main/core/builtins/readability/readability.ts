/**
 * Readability of patient-facing text: Flesch–Kincaid grade level and Flesch reading ease for
 * English, used to hold a patient-education leaflet to a 6th-grade reading level. The Flesch
 * formulas count syllables and are meaningless for Chinese, so Chinese text is reported as not
 * applicable, with a plainly labelled character-based measure instead of a fake grade.
 */
import { splitSentences } from '../text/sentence-split';
import { ENGLISH_WORD, hanCount, isMostlyChinese } from '../text/word-units';
import { countSyllables } from './syllable-count';

/** Flesch–Kincaid figures for English text. */
export interface FleschKincaid {
  kind: 'flesch-kincaid';
  language: 'en';
  /** US school grade: 0.39 × words/sentence + 11.8 × syllables/word − 15.59. */
  gradeLevel: number;
  /** 0–100 (higher is easier): 206.835 − 1.015 × words/sentence − 84.6 × syllables/word. */
  readingEase: number;
  words: number;
  sentences: number;
  syllables: number;
}

/** Returned when a grade level would be meaningless. */
export interface NotApplicable {
  kind: 'not-applicable';
  language: 'zh' | 'unknown';
  reason: string;
  /** For Chinese: a simple character measure, not a grade level, labelled as such. */
  characterMeasure?: {
    label: string;
    hanCharacters: number;
    sentences: number;
    hanCharactersPerSentence: number;
  };
}

/** The result of {@link assessReadability}. */
export type Readability = FleschKincaid | NotApplicable;

/**
 * Measures `text`. Words are letter sequences (numbers are not words); a hyphenated word is one
 * word whose syllables are those of its parts. Sentences are those that contain a word.
 */
export function assessReadability(text: string): Readability {
  const sentences = splitSentences(text);
  if (isMostlyChinese(text)) {
    const han = hanCount(text);
    const withHan = sentences.filter((s) => hanCount(s.text) > 0).length || 1;
    return {
      kind: 'not-applicable',
      language: 'zh',
      reason: 'Flesch–Kincaid counts English syllables and is not defined for Chinese text.',
      characterMeasure: {
        label: 'Average Han characters per sentence (a length measure, not a grade level)',
        hanCharacters: han,
        sentences: withHan,
        hanCharactersPerSentence: Math.round((han / withHan) * 10) / 10,
      },
    };
  }
  let words = 0;
  let syllables = 0;
  let sentenceCount = 0;
  for (const sentence of sentences) {
    let wordsHere = 0;
    for (const m of sentence.text.matchAll(ENGLISH_WORD)) {
      wordsHere += 1;
      for (const part of m[0].split(/['’-]/)) syllables += countSyllables(part);
    }
    if (wordsHere > 0) sentenceCount += 1;
    words += wordsHere;
  }
  if (words === 0)
    return {
      kind: 'not-applicable',
      language: 'unknown',
      reason: 'The text has no English words to measure.',
    };
  const wordsPerSentence = words / sentenceCount;
  const syllablesPerWord = syllables / words;
  return {
    kind: 'flesch-kincaid',
    language: 'en',
    gradeLevel: round1(0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59),
    readingEase: round1(206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord),
    words,
    sentences: sentenceCount,
    syllables,
  };
}

/** Does the text meet a grade-level target (e.g. 6 for patient education)? Undefined when not applicable. */
export function meetsGradeTarget(result: Readability, targetGrade = 6): boolean | undefined {
  return result.kind === 'flesch-kincaid' ? result.gradeLevel <= targetGrade : undefined;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
