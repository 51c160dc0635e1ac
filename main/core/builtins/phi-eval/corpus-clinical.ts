/**
 * Clinical content for the synthetic notes. Much of it is a deliberate distractor: numbers and
 * capitalised words that are NOT identifiers (doses, vitals, lab values, ICD-10 codes, scores,
 * fractions, years, eponymous diseases, departments, hospital names). A detector that flags these
 * loses precision, as it would on real notes.
 */
import type { Rng } from './prng';

/** A problem with its ICD-10-CM code, typical medications and a phrase for the HPI. */
export interface Problem {
  name: string;
  icd10: string;
  meds: string[];
  symptom: string;
}

/** Problems seen in primary care, cardiology, endocrinology and the ED. */
export const PROBLEMS: readonly Problem[] = [
  {
    name: 'type 2 diabetes mellitus without complications',
    icd10: 'E11.9',
    meds: ['metformin 1000 mg PO BID', 'glipizide 5 mg daily', 'insulin glargine 18 units at bedtime'],
    symptom: 'polyuria and fatigue',
  },
  {
    name: 'essential hypertension',
    icd10: 'I10',
    meds: ['lisinopril 20 mg daily', 'amlodipine 5 mg daily', 'hydrochlorothiazide 25 mg daily'],
    symptom: 'occasional headaches',
  },
  {
    name: 'hyperlipidemia',
    icd10: 'E78.5',
    meds: ['atorvastatin 40 mg nightly', 'rosuvastatin 10 mg daily'],
    symptom: 'no symptoms',
  },
  {
    name: 'heart failure with reduced ejection fraction',
    icd10: 'I50.22',
    meds: [
      'metoprolol succinate 25 mg daily',
      'furosemide 40 mg PO daily',
      'sacubitril/valsartan 24/26 mg BID',
      'spironolactone 12.5 mg daily',
    ],
    symptom: 'worsening dyspnea on exertion and 2+ pitting edema',
  },
  {
    name: 'atrial fibrillation',
    icd10: 'I48.91',
    meds: ['apixaban 5 mg BID', 'diltiazem 120 mg daily', 'warfarin 5 mg daily (INR goal 2-3)'],
    symptom: 'palpitations',
  },
  {
    name: 'chronic obstructive pulmonary disease with acute exacerbation',
    icd10: 'J44.1',
    meds: [
      'tiotropium 18 mcg inhaled daily',
      'albuterol 90 mcg 2 puffs q4h PRN',
      'prednisone 40 mg daily x 5 days',
    ],
    symptom: 'increased sputum and wheezing',
  },
  {
    name: 'community-acquired pneumonia',
    icd10: 'J18.9',
    meds: ['ceftriaxone 1 g IV q24h', 'azithromycin 500 mg daily', 'amoxicillin-clavulanate 875/125 mg BID'],
    symptom: 'fever to 38.9 C and productive cough',
  },
  {
    name: 'major depressive disorder, recurrent, moderate',
    icd10: 'F33.1',
    meds: ['sertraline 100 mg daily', 'bupropion XL 150 mg daily'],
    symptom: 'low mood and poor sleep',
  },
  {
    name: 'generalized anxiety disorder',
    icd10: 'F41.1',
    meds: ['escitalopram 10 mg daily', 'buspirone 7.5 mg BID'],
    symptom: 'worry and restlessness',
  },
  {
    name: 'chronic kidney disease, stage 3a',
    icd10: 'N18.31',
    meds: ['losartan 50 mg daily', 'sodium bicarbonate 650 mg TID'],
    symptom: 'nocturia',
  },
  {
    name: 'hypothyroidism',
    icd10: 'E03.9',
    meds: ['levothyroxine 88 mcg daily'],
    symptom: 'cold intolerance and weight gain',
  },
  {
    name: 'osteoarthritis of the right knee',
    icd10: 'M17.11',
    meds: ['acetaminophen 650 mg q6h PRN', 'meloxicam 7.5 mg daily', 'diclofenac 1% gel QID'],
    symptom: 'knee pain rated 6/10',
  },
  {
    name: 'gastroesophageal reflux disease',
    icd10: 'K21.9',
    meds: ['omeprazole 20 mg daily', 'famotidine 20 mg BID'],
    symptom: 'heartburn after meals',
  },
  {
    name: 'urinary tract infection',
    icd10: 'N39.0',
    meds: ['nitrofurantoin 100 mg BID x 5 days', 'cephalexin 500 mg QID'],
    symptom: 'dysuria and frequency',
  },
  {
    name: 'asthma, mild persistent',
    icd10: 'J45.30',
    meds: ['fluticasone 110 mcg 2 puffs BID', 'albuterol HFA PRN'],
    symptom: 'night cough twice a week',
  },
  {
    name: 'iron deficiency anemia',
    icd10: 'D50.9',
    meds: ['ferrous sulfate 325 mg every other day'],
    symptom: 'fatigue and pica',
  },
  {
    name: 'migraine without aura',
    icd10: 'G43.009',
    meds: ['sumatriptan 50 mg PRN', 'topiramate 25 mg nightly'],
    symptom: 'throbbing unilateral headaches 3 times a month',
  },
  {
    name: 'cellulitis of the left lower limb',
    icd10: 'L03.116',
    meds: ['cefazolin 2 g IV q8h', 'cephalexin 500 mg QID x 7 days'],
    symptom: 'spreading erythema of the left shin',
  },
  {
    name: "Parkinson's disease",
    icd10: 'G20',
    meds: ['carbidopa/levodopa 25/100 mg TID'],
    symptom: 'resting tremor and shuffling gait',
  },
  {
    name: "Graves' disease",
    icd10: 'E05.00',
    meds: ['methimazole 10 mg daily', 'propranolol 20 mg BID'],
    symptom: 'heat intolerance and weight loss',
  },
  {
    name: "Crohn's disease of the small intestine",
    icd10: 'K50.00',
    meds: ['adalimumab 40 mg SC every 2 weeks', 'budesonide 9 mg daily'],
    symptom: 'crampy abdominal pain and loose stools',
  },
  {
    name: "Hashimoto's thyroiditis",
    icd10: 'E06.3',
    meds: ['levothyroxine 50 mcg daily'],
    symptom: 'fatigue',
  },
  {
    name: "Bell's palsy",
    icd10: 'G51.0',
    meds: ['prednisone 60 mg daily x 7 days', 'artificial tears QID'],
    symptom: 'right facial droop',
  },
  {
    name: 'acute coronary syndrome (NSTEMI)',
    icd10: 'I21.4',
    meds: ['aspirin 81 mg daily', 'clopidogrel 75 mg daily', 'heparin infusion per protocol'],
    symptom: 'substernal chest pressure radiating to the left arm',
  },
];

/** Hospital names and departments: capitalised, place-like, but not identifiers under Safe Harbor. */
export const FACILITIES = [
  'Mercy General Hospital',
  "St. Luke's Medical Center",
  'Riverside Community Hospital',
  'Lakeview Regional Medical Center',
  'University Hospital',
  'Good Samaritan Hospital',
  'Memorial Health System',
  "Children's Hospital of the Valley",
  'Sacred Heart Medical Center',
  'Johns Hopkins Hospital',
  'Mayo Clinic',
  "St. Mary's Hospital",
  'Veterans Affairs Medical Center',
];
/** Departments and services. */
export const DEPARTMENTS = [
  'Cardiology',
  'Endocrinology',
  'Nephrology',
  'Pulmonology',
  'Gastroenterology',
  'Neurology',
  'Orthopedics',
  'Physical Therapy',
  'Internal Medicine',
  'Family Medicine',
  'Emergency Department',
  'Social Work',
  'Infectious Disease',
  'Oncology',
  'Palliative Care',
  'Wound Care',
  'Behavioral Health',
  'Radiology',
  'Hematology',
  'the Heart Failure Clinic',
];

/** Vital signs line; every number here is a distractor. */
export function vitals(rng: Rng): string {
  const sys = rng.int(98, 172);
  const forms = [
    `BP ${sys}/${rng.int(58, 98)}, HR ${rng.int(52, 118)}, RR ${rng.int(12, 24)}, T ${(36 + rng.next() * 2.6).toFixed(1)} C, SpO2 ${rng.int(88, 100)}% on room air`,
    `Vitals: T ${(97 + rng.next() * 4).toFixed(1)} F | BP ${sys}/${rng.int(58, 98)} | P ${rng.int(52, 118)} | R ${rng.int(12, 24)} | O2 sat ${rng.int(90, 100)}% RA | Wt ${rng.int(48, 130)} kg`,
    `Blood pressure ${sys}/${rng.int(58, 98)} mmHg, pulse ${rng.int(52, 118)} bpm, temperature ${(36 + rng.next() * 2).toFixed(1)} °C, BMI ${(19 + rng.next() * 19).toFixed(1)}`,
  ];
  return rng.pick(forms);
}

/** A lab panel line; numbers and ranges are distractors. */
export function labs(rng: Rng): string {
  const panels = [
    `Na ${rng.int(128, 146)}, K ${(3.1 + rng.next() * 2).toFixed(1)}, Cl ${rng.int(95, 110)}, HCO3 ${rng.int(18, 30)}, BUN ${rng.int(8, 48)}, Cr ${(0.6 + rng.next() * 2.4).toFixed(2)}, glucose ${rng.int(72, 320)} mg/dL`,
    `WBC ${(3.5 + rng.next() * 12).toFixed(1)} x10^9/L, Hgb ${(8 + rng.next() * 8).toFixed(1)} g/dL, Plt ${rng.int(90, 450)} x10^3/uL, INR ${(0.9 + rng.next() * 2.5).toFixed(1)}`,
    `HbA1c ${(5.4 + rng.next() * 5).toFixed(1)}% (ref 4.0-5.6), LDL ${rng.int(55, 190)} mg/dL, TSH ${(0.3 + rng.next() * 6).toFixed(2)} mIU/L, eGFR ${rng.int(28, 110)} mL/min/1.73m2`,
    `Troponin I ${(rng.next() * 2).toFixed(3)} ng/mL (ref < 0.04), BNP ${rng.int(40, 2400)} pg/mL, lactate ${(0.6 + rng.next() * 4).toFixed(1)} mmol/L`,
    `Urinalysis: specific gravity 1.0${rng.int(10, 30)}, pH ${rng.pick(['5.5', '6.0', '6.5'])}, leukocyte esterase ${rng.pick(['negative', 'trace', '2+'])}, nitrite ${rng.pick(['negative', 'positive'])}, 10-20 WBC/hpf`,
  ];
  return rng.pick(panels);
}

/** Exam findings (eponyms and scores are distractors). */
export const EXAM_FINDINGS = [
  'Alert and oriented x3, in no acute distress.',
  'Lungs with scattered expiratory wheezes bilaterally.',
  'Regular rate and rhythm, II/VI systolic murmur at the left sternal border.',
  'Abdomen soft, non-tender, no rebound; Murphy sign negative.',
  'Trace bilateral ankle edema.',
  'Cranial nerves II-XII intact; Romberg negative; Babinski downgoing bilaterally.',
  'Glasgow Coma Scale 15.',
  'Strength 5/5 in all extremities, reflexes 2+ and symmetric.',
  'Skin warm and dry, no rashes.',
  'Right knee with small effusion, positive McMurray test, range of motion 0-110 degrees.',
  'JVP 8 cm H2O, bibasilar crackles.',
  'Mucous membranes dry, capillary refill 3 seconds.',
  'Homans sign negative; calves non-tender.',
  'Pain 4/10 at rest, 7/10 with ambulation.',
];

/** Plan phrases with doses, fractions, durations and intervals (distractors). */
export const PLAN_ITEMS = [
  'Continue current regimen and recheck BMP in 1 week.',
  'Take 1/2 tablet if dizziness occurs.',
  'Titrate metoprolol to a heart rate of 60-70.',
  'Low-sodium diet (< 2 g/day) and fluid restriction to 1.5 L/day.',
  'Daily weights; call if weight increases by more than 2 lb in a day or 5 lb in a week.',
  'Referral to Physical Therapy, 2-3 sessions per week for 6 weeks.',
  'Influenza vaccine given today (0.5 mL IM, left deltoid).',
  'Colonoscopy due in 2027.',
  'Repeat echocardiogram in 3 months.',
  'Smoking cessation counseling provided; 30 pack-year history, quit in 2019.',
  'Hold metformin for 48 hours after contrast.',
  'Return precautions reviewed: chest pain, syncope, or SpO2 below 90%.',
  'Start PT/OT evaluation; fall risk score 45 (high).',
  'NYHA class II-III; goal-directed medical therapy optimized.',
  'CPT 99214 billed; ICD-10 codes as listed.',
  'Follow up in 4-6 weeks, sooner if needed.',
];

/** Social history fragments (years alone, counts, durations: distractors). */
export const SOCIAL = [
  'Retired machinist since 2016.',
  'Drinks 2-3 beers per week.',
  'Never smoker.',
  'Former smoker, 20 pack-years, quit in 2008.',
  'Lives with spouse in a two-story house; 14 steps to the bedroom.',
  'Works night shifts as a nurse aide.',
  'Served in the Army 1968-1971.',
  'Walks 30 minutes 5 days a week.',
  'Uses a rolling walker outdoors.',
];
