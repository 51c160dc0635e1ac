/**
 * Word-level units shared by the summary and readability code: English words, content-word keys
 * for similarity, and Han-character bigrams for Chinese (which has no spaces to split on).
 */

/** English words: letters with inner apostrophes or hyphens ("don't", "follow-up"). */
export const ENGLISH_WORD = /[A-Za-z]+(?:['’-][A-Za-z]+)*/g;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;

const STOPWORDS = new Set(
  'a an the and or but if then of to in on at by for with from as is are was were be been being it its this that these those he she they his her their them we our you your i me my not no so do does did has have had will would can could should may might must shall than too very also into over under after before about up down out just only all any some such each per via'.split(
    ' ',
  ),
);

/** Does the text read as Chinese? More Han characters than Latin letters in the first 4,000 characters. */
export function isMostlyChinese(text: string): boolean {
  const sample = text.slice(0, 4000);
  const han = sample.match(HAN)?.length ?? 0;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  return han > 0 && han >= latin / 2;
}

/** Counts Han characters. */
export const hanCount = (text: string): number => text.match(HAN)?.length ?? 0;

/**
 * Keys for comparing two sentences: lowercase English content words with a light suffix strip
 * ("admitted" and "admission" stay apart, "tablets" and "tablet" meet), plus Han bigrams.
 */
export function similarityKeys(sentence: string): Set<string> {
  const keys = new Set<string>();
  for (const m of sentence.matchAll(ENGLISH_WORD)) {
    const word = m[0].toLowerCase();
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    keys.add(word.replace(/(?:'s|ing|ed|es|s)$/, '') || word);
  }
  for (const m of sentence.matchAll(/\d+(?:\.\d+)?/g)) keys.add(m[0]);
  const han = sentence.match(HAN) ?? [];
  for (let i = 0; i + 1 < han.length; i += 1) keys.add(han[i]! + han[i + 1]!);
  if (han.length === 1) keys.add(han[0]!);
  return keys;
}
