/**
 * Hospital note templates: discharge summaries, ED notes, operative notes and imaging or
 * pathology reports. These carry most of the record, specimen and device numbers.
 */
import {
  DEPARTMENTS,
  EXAM_FINDINGS,
  FACILITIES,
  PLAN_ITEMS,
  PROBLEMS,
  SOCIAL,
  labs,
  vitals,
} from './corpus-clinical';
import {
  addressLine,
  age,
  ageAdjective,
  date,
  fullName,
  phone,
  titled,
  type Persona,
} from './corpus-persona';
import { NoteBuilder, line, phi } from './note-builder';
import type { Rng } from './prng';

const pronoun = (p: Persona): string => (p.patient.female ? 'She' : 'He');
const possessive = (p: Persona): string => (p.patient.female ? 'her' : 'his');

/** A discharge summary. */
export function dischargeSummary(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const [main, other] = rng.sample(PROBLEMS, 2) as [(typeof PROBLEMS)[number], (typeof PROBLEMS)[number]];
  b.add(line`${rng.pick(FACILITIES).toUpperCase()}`);
  b.add(line`DISCHARGE SUMMARY`);
  b.add(line`PATIENT NAME: ${fullName(rng, p.patient)}`);
  b.add(line`MRN: ${phi('MRN', p.mrn)}    ACCOUNT #: ${phi('ACCOUNT', p.account)}`);
  b.add(line`ADMISSION DATE: ${date(rng, p.admit)}    DISCHARGE DATE: ${date(rng, p.discharge)}`);
  b.add(line`ATTENDING: ${titled(rng, p.attending, true)}    PCP: ${fullName(rng, p.referring)}`);
  b.add('\n');
  b.add(line`PRINCIPAL DIAGNOSIS: ${main.name} (${main.icd10})`);
  b.add(line`SECONDARY DIAGNOSES: ${other.name} (${other.icd10}); history of appendectomy in 1987.`);
  b.add('\n');
  b.add(line`HISTORY OF PRESENT ILLNESS:`);
  b.add(
    line`${titled(rng, p.patient)} is a ${ageAdjective(rng, p.age)} with ${other.name} who presented to the Emergency Department with ${main.symptom} for ${rng.int(2, 10)} days. ${pronoun(p)} was found to have ${labs(rng)}.`,
  );
  if (rng.chance(0.5))
    b.add(
      line`${pronoun(p)} lives at home with ${possessive(p)} ${p.relative.relation}, ${fullName(rng, p.relative.person)}, in ${phi('CITY', p.city)}. ${rng.pick(SOCIAL)}`,
    );
  b.add('\n');
  b.add(line`HOSPITAL COURSE:`);
  b.add(
    line`Treated with ${main.meds.slice(0, 2).join(' and ')}. ${rng.pick(['Cardiology', 'Nephrology', 'Infectious Disease', 'Palliative Care'])} was consulted on hospital day ${rng.int(2, 4)}. ${rng.pick(EXAM_FINDINGS)}`,
  );
  b.add(
    line`${rng.pick(['Echocardiogram', 'Chest X-ray', 'CT abdomen/pelvis'])} on ${date(rng, p.admit, rng.chance(0.5))}: ${rng.pick(['LVEF 30-35%, moderate MR', 'right lower lobe consolidation', 'no acute process'])}. At discharge: ${vitals(rng)}.`,
  );
  b.add('\n');
  b.add(line`DISCHARGE MEDICATIONS: ${[...main.meds, ...other.meds.slice(0, 1)].join('; ')}.`);
  b.add(
    line`FOLLOW-UP: ${rng.pick(DEPARTMENTS)} clinic on ${date(rng, p.followUp)}; ${titled(rng, p.referring, true)} within 7 days. ${rng.pick(PLAN_ITEMS)}`,
  );
  b.add(line`Home address on file: ${addressLine(p, rng)}. Home phone ${phone(rng, p.phone)}.`);
  if (rng.chance(0.4)) b.add(line`Home health agency notified; agency fax ${phone(rng, p.fax, 'FAX')}.`);
  b.add('\n');
  b.add(
    line`Dictated by: ${fullName(rng, p.nurse)}, MD    Signed: ${date(rng, p.discharge)} ${rng.int(10, 20)}:${rng.int(10, 59)}`,
  );
  return b;
}

/** An emergency department note. */
export function edNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  b.add(line`ED PHYSICIAN NOTE    Arrival: ${date(rng, p.visit)} ${rng.int(0, 23)}:${rng.int(10, 59)}`);
  b.add(
    line`${fullName(rng, p.patient)} | ${age(rng, p.age)} | ${rng.pick(['MRN', 'MR#', 'Unit No.'])} ${phi('MRN', p.mrn)}`,
  );
  b.add(line`Triage: ESI ${rng.int(2, 4)}, pain ${rng.int(2, 9)}/10. ${vitals(rng)}.`);
  b.add('\n');
  b.add(
    line`HPI: ${age(rng, p.age)} ${p.patient.female ? 'female' : 'male'} brought in by ${rng.pick(['EMS', 'private vehicle', possessive(p) + ' ' + p.relative.relation])} with ${problem.symptom}. Onset ${rng.pick(['this morning', '2 days ago', 'at 03:00'])}.`,
  );
  if (rng.chance(0.5))
    b.add(
      line`History obtained from ${possessive(p)} ${p.relative.relation} ${fullName(rng, p.relative.person)} (cell ${phone(rng, p.mobile)}).`,
    );
  if (rng.chance(0.35))
    b.add(
      line`Patient was the driver in a motor vehicle collision; vehicle VIN ${phi('VEHICLE', p.vin)} per police report, case number ${phi('ID', p.otherId)}.`,
    );
  const lastAdmission = rng.chance(0.5) ? ['in ', String(rng.int(2012, 2022))] : ['on ', date(rng, p.admit)];
  b.add(
    line`PMH: ${rng
      .sample(PROBLEMS, 2)
      .map((x) => `${x.name} (${x.icd10})`)
      .join(', ')}. Last admission ${lastAdmission}.`,
  );
  b.add(line`Exam: ${rng.sample(EXAM_FINDINGS, 2).join(' ')}`);
  b.add(
    line`ECG: sinus rhythm at ${rng.int(60, 110)}, QTc ${rng.int(400, 480)} ms, no ST elevation. ${labs(rng)}.`,
  );
  b.add(
    line`MDM: ${rng.pick(['Low', 'Moderate', 'High'])} complexity. HEART score ${rng.int(1, 7)}. ${rng.pick(PLAN_ITEMS)}`,
  );
  b.add(
    line`Disposition: ${rng.pick(['admitted to medicine', 'discharged home', 'transferred to ' + rng.pick(FACILITIES)])}. Discussed with ${titled(rng, p.referring, true)} from ${rng.pick(DEPARTMENTS)}.`,
  );
  b.add(line`Seen by ${fullName(rng, p.attending)}, MD. Scribe: ${fullName(rng, p.nurse)}.`);
  return b;
}

/** An operative note with an implant record. */
export function operativeNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const device = rng.pick([
    'dual-chamber pacemaker',
    'implantable cardioverter-defibrillator',
    'total knee prosthesis',
    'insulin pump',
    'cochlear implant',
  ]);
  b.add(line`OPERATIVE REPORT`);
  b.add(line`Patient: ${fullName(rng, p.patient)}   MRN ${phi('MRN', p.mrn)}   DOS: ${date(rng, p.visit)}`);
  b.add(
    line`Surgeon: ${titled(rng, p.attending, true)}   Assistant: ${titled(rng, p.nurse, true)}   Anesthesia: general, ASA class ${rng.int(2, 4)}`,
  );
  b.add(line`Preoperative diagnosis: ${rng.pick(PROBLEMS).name}. Procedure: implantation of ${device}.`);
  b.add(
    line`Findings: EBL ${rng.int(5, 400)} mL; fluids 1.2 L crystalloid; no complications. Wound closed with 3-0 Vicryl and 4-0 Monocryl.`,
  );
  b.add('\n');
  b.add(line`IMPLANT RECORD`);
  b.add(
    line`Device: ${device}, model ${rng.pick(['Azure XT DR', 'Attain 4298', 'Persona CR', 'MiniMed 780G', 'Nucleus 8'])}`,
  );
  b.add(line`${rng.pick(['Serial Number', 'S/N', 'Serial #', 'SN'])}: ${phi('DEVICE', p.serial)}`);
  if (rng.chance(0.5))
    b.add(
      line`UDI: ${phi('DEVICE', `(01)${rng.chars('0123456789', 14)}(17)${rng.chars('0123456789', 6)}(10)${rng.chars('ABCDEFGH0123456789', 7)}(21)${p.serial}`)}`,
    );
  b.add(
    line`Lot ${rng.chars('0123456789', 5)}-${rng.chars('0123456789', 2)} — expiry 2028. Registration card given to patient.`,
  );
  b.add(
    line`Patient to follow up in device clinic on ${date(rng, p.followUp, rng.chance(0.5))}. Remote monitoring transmitter paired to home address ${addressLine(p, rng)}.`,
  );
  b.add(line`${rng.pick(['Electronically signed by', 'Signed by'])} ${fullName(rng, p.attending)}, MD`);
  return b;
}

/** An imaging or pathology report. */
export function reportNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const imaging = rng.chance(0.6);
  b.add(line`${imaging ? 'RADIOLOGY REPORT' : 'SURGICAL PATHOLOGY REPORT'}`);
  b.add(
    line`Name: ${fullName(rng, p.patient)}   DOB: ${date(rng, p.dob)}   ${rng.pick(['MRN', 'Med Rec No.'])}: ${phi('MRN', p.mrn)}`,
  );
  b.add(
    line`${imaging ? 'Accession #' : 'Specimen ID'}: ${phi('ID', p.otherId)}   Collected: ${date(rng, p.visit)} ${rng.int(7, 19)}:${rng.int(10, 59)}`,
  );
  b.add(line`Ordering physician: ${fullName(rng, p.referring)}   Copy to: ${titled(rng, p.attending, true)}`);
  b.add('\n');
  if (imaging) {
    b.add(
      line`EXAM: ${rng.pick(['CT chest with contrast', 'MRI brain without contrast', 'X-ray chest PA and lateral', 'US abdomen complete'])}`,
    );
    b.add(line`CLINICAL HISTORY: ${age(rng, p.age)} with ${rng.pick(PROBLEMS).symptom}.`);
    b.add(line`COMPARISON: ${rng.pick(['None.', 'Prior study from 2022.', 'CT dated 2021.'])}`);
    b.add(
      line`FINDINGS: ${rng.pick(['A 7 mm ground-glass nodule in the right upper lobe (series 4, image 112).', 'No acute intracranial hemorrhage. Chronic small-vessel change.', 'Cardiomegaly with small bilateral effusions.', 'Cholelithiasis without wall thickening; CBD 4 mm.'])}`,
    );
    b.add(
      line`IMPRESSION: ${rng.pick(['Fleischner follow-up CT in 6-12 months.', 'No acute abnormality.', 'Findings compatible with volume overload.'])} Lung-RADS 2.`,
    );
  } else {
    b.add(
      line`SPECIMEN: ${rng.pick(['colon, sigmoid, polypectomy', 'skin, left forearm, shave biopsy', "breast, right, core biopsy 10 o'clock"])}`,
    );
    b.add(
      line`DIAGNOSIS: ${rng.pick(['Tubular adenoma, low-grade dysplasia, margins negative.', 'Basal cell carcinoma, nodular type, 0.2 cm from margin.', 'Invasive ductal carcinoma, Nottingham grade 2 (3+2+1); ER 95%, PR 40%, HER2 1+.'])}`,
    );
    b.add(
      line`Gross: received in formalin, ${rng.int(2, 15)} x ${rng.int(2, 9)} x ${rng.int(1, 5)} mm, entirely submitted in 1 cassette (A1).`,
    );
  }
  b.add(
    line`${imaging ? 'Dictated by' : 'Pathologist'}: ${fullName(rng, p.nurse)}, MD  ${date(rng, p.visit)}`,
  );
  if (rng.chance(0.3))
    b.add(
      line`Images available at ${phi('URL', `https://pacs.example.org/viewer?study=${rng.chars('0123456789', 12)}`)}`,
    );
  return b;
}
