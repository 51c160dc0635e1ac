/**
 * The context cues that say "a name comes next" (or, for credentials, "a name came just before").
 * Each finder returns text positions, so the name rules can look them up per token in O(1).
 */

const NAME_LABELS = [
  "patient(?:'s)?\\s{1,2}name",
  'patient',
  'pt\\s{1,2}name',
  'pt',
  'name',
  'full\\s{1,2}name',
  'client',
  'attending(?:\\s{1,2}(?:physician|surgeon))?',
  'physician',
  'provider',
  'pcp',
  'primary\\s{1,2}care(?:\\s{1,2}(?:physician|provider))?',
  'referring(?:\\s{1,2}(?:physician|provider|doctor))?',
  'ordering\\s{1,2}(?:physician|provider)',
  'surgeon',
  'assistant',
  'anesthesiologist',
  'anaesthetist',
  'pathologist',
  'radiologist',
  'technologist',
  'therapist',
  'scribe',
  'nurse',
  'rn',
  'resident',
  'fellow',
  'interpreter',
  'social\\s{1,2}worker',
  'case\\s{1,2}manager',
  'emergency\\s{1,2}contact',
  'contact',
  'next\\s{1,2}of\\s{1,2}kin',
  'nok',
  'guardian',
  'guarantor',
  'caregiver',
  'spouse',
  'wife',
  'husband',
  'mother',
  'father',
  'son',
  'daughter',
  'parent',
  'witness',
  'to',
  'from',
  're',
  'attn',
  'author',
  'copy\\s{1,2}to',
];
// Not "cc": in notes "CC:" is the chief complaint far more often than a carbon copy.
// Participles of things people do to a record; "caused by" or "relieved by" take no name.
const BY_VERBS =
  '(?:seen|referred|dictated|signed|cosigned|co-signed|reviewed|performed|ordered|verified|accompanied|evaluated|examined|transcribed|registered|documented|recorded|entered|completed|prepared|interpreted|reported|authored|attested|approved|witnessed|written|triaged|assessed|admitted|discharged|treated|followed|interviewed|counseled|counselled|consented)';
const RELATIONS =
  '(?:wife|husband|spouse|partner|daughter|son|mother|father|mom|dad|sister|brother|niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|friend|neighbou?r|caregiver|guardian|roommate|fianc[ée]e?)';

/** Cues after which an unlisted capitalised word is taken as a name. */
const STRONG_CUE = new RegExp(
  [
    // "Patient: ", "Attending physician: ", "Documented by: " — a role label and a colon.
    `(?<colon>(?<![A-Za-z])(?:${NAME_LABELS.join('|')}|${BY_VERBS}\\s{1,2}by)\\s{0,2}:[ \\t]{0,4})`,
    // "seen by ", "registered by ", "discussed with ", "spoke with ".
    `(?<![A-Za-z])(?:${BY_VERBS}\\s{1,2}by|(?:discussed|spoke|speaking|talked|met|consulted)\\s{1,2}(?:with|to))\\s{1,2}`,
    // "her daughter ", "my husband ", "the patient's son, ".
    `(?<![A-Za-z])(?:his|her|their|my|our|the\\s{1,2}patient's|patient's)\\s{1,2}${RELATIONS}\\s{0,2},?\\s{1,2}`,
    // "Dear ", "this is ", "my name is ", "named ".
    '(?<![A-Za-z])(?:Dear|this\\s{1,2}is|my\\s{1,2}name\\s{1,2}is|named|called)\\s{1,2}',
    // A sign-off; the name may be a line or two below.
    '(?<![A-Za-z])(?:sincerely|regards|yours\\s{1,2}truly|respectfully|best\\s{1,2}wishes|thank\\s{1,2}you)\\s{0,2},\\s{1,8}',
    // Chinese role words before an English name: 家属 Keala Turner, 医生：Smith.
    '(?:家属|联系人|医生|医师|主治医师|护士|患者|姓名)[:：]?\\s{0,2}',
  ].join('|'),
  'gi',
);

/** Cues after which only a listed name is taken: "patient Maria ...", "pt Nguyen". */
const WEAK_CUE = /(?<![A-Za-z])(?:patient|pt|client|resident)\s{1,2}/gi;

/** A credential after a name: "Jane Doe, MD", "SMITH, JOHN A., RN, CCM", "Green, Donald, MSW". */
const CREDENTIAL =
  /,\s{0,2}(?:MD|DO|RN|NP|PA-C|PA|MSW|LCSW|LICSW|CCM|PhD|DNP|APRN|CNM|CRNA|LPN|LVN|PharmD|MBBS|MBChB|FACP|FACC|FACS|MPH|BSN|MSN|DDS|DMD|OD|DPT|OTR|RD|CNA|RRT|LMFT|LPC|CNP|FNP|FNP-C|ANP|MS|MA|CMA)(?![A-Za-z])/g;

/** Where each strong cue ends, and whether it was a "Label:" cue. */
export function strongCueEnds(text: string): Map<number, boolean> {
  return cueEnds(STRONG_CUE, text, (m) => m.groups?.colon !== undefined);
}

/** Where each weak cue ends. */
export function weakCueEnds(text: string): Map<number, boolean> {
  return cueEnds(WEAK_CUE, text, () => false);
}

/** Positions right after a name where a credential begins (the comma's index). */
export function credentialStarts(text: string): Set<number> {
  const starts = new Set<number>();
  CREDENTIAL.lastIndex = 0;
  for (let m = CREDENTIAL.exec(text); m !== null; m = CREDENTIAL.exec(text)) starts.add(m.index);
  return starts;
}

function cueEnds(
  pattern: RegExp,
  text: string,
  isLabel: (m: RegExpExecArray) => boolean,
): Map<number, boolean> {
  const ends = new Map<number, boolean>();
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    ends.set(m.index + m[0].length, isLabel(m));
    if (m[0].length === 0) pattern.lastIndex += 1;
  }
  return ends;
}
