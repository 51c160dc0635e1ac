/**
 * English syllable counting for the Flesch formulas. A heuristic — vowel groups with corrections
 * for silent endings and split vowel pairs, plus a short list of common irregular words — that
 * agrees with dictionary counts on roughly nine words in ten, which is the accuracy the Flesch
 * formulas were calibrated with anyway.
 */

// Common words the rules get wrong; dictionary syllable counts.
const IRREGULAR: Readonly<Record<string, number>> = {
  the: 1,
  every: 3,
  everyone: 3,
  everything: 3,
  different: 3,
  business: 2,
  people: 2,
  recipe: 3,
  area: 3,
  idea: 3,
  create: 2,
  created: 3,
  creates: 2,
  being: 2,
  doing: 2,
  going: 2,
  seeing: 2,
  science: 2,
  quiet: 2,
  diet: 2,
  naive: 2,
  poem: 2,
  lion: 2,
  ion: 2,
  real: 1,
  really: 2,
  one: 1,
  once: 1,
  eye: 1,
  eyes: 1,
  fire: 1,
  hour: 1,
  hours: 1,
  our: 1,
  medicine: 3,
  medicines: 3,
  diabetes: 4,
  aorta: 3,
  anemia: 4,
  pneumonia: 4,
  insulin: 3,
  cardiovascular: 6,
  hospital: 3,
  someone: 2,
  sometimes: 2,
  somewhere: 2,
  shoe: 1,
  shoes: 1,
  canoe: 2,
  toe: 1,
  toes: 1,
  whole: 1,
  more: 1,
  before: 2,
  there: 1,
  where: 1,
  here: 1,
  were: 1,
  sure: 1,
  are: 1,
  have: 1,
  give: 1,
  live: 1,
  patients: 2,
  patient: 2,
  fluid: 2,
  fluids: 2,
  cruel: 2,
  via: 2,
  video: 3,
  radio: 3,
  ratio: 3,
  period: 3,
};

/** Syllables in one English word (letters only; anything else is ignored). At least 1 for a word. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  const known = IRREGULAR[w];
  if (known !== undefined) return known;
  if (w.length <= 3) return 1;
  let count = w.match(/[aeiouy]+/g)?.length ?? 0;
  // Silent final e ("make"), but not "-le" after a consonant ("table") or "-ee" ("agree").
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) count -= 1;
  // "-es" and "-ed" are silent except after sibilants ("boxes") and t/d ("needed").
  else if (/[^aeiouysxzcgh]es$/.test(w) && !/[^aeiouy]les$/.test(w)) count -= 1;
  else if (/[^aeiouytd]ed$/.test(w)) count -= 1;
  // Vowel pairs that are two syllables: "di-a", "vi-o-lin", "the-o-ry", "u-su-al", "flu-id".
  count +=
    w.match(/(?:[^cgst]i[ao]|[^aeiouy]eo|[^q]ua(?!y)|[^q]uo|[^gq]ui(?=d|n|t[iy])|ie[rt]$)/g)?.length ?? 0;
  // "-ism", "-sm": "prism", "autism" have a syllable without a vowel.
  if (/[^aeiouy]sm$/.test(w)) count += 1;
  return Math.max(1, count);
}
