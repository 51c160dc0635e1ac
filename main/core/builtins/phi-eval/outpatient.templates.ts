/**
 * Outpatient note templates: clinic SOAP notes, referral letters, telephone encounters and
 * patient-portal messages. Each template varies its sections, phrasing and identifier formats per
 * note; the clinical text around the identifiers carries the distractors.
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
import { NoteBuilder, line, phi, type Piece } from './note-builder';
import type { Rng } from './prng';

const sexWord = (p: Persona, rng: Rng): string =>
  p.patient.female ? rng.pick(['woman', 'female', 'F']) : rng.pick(['man', 'male', 'M']);
const pronoun = (p: Persona): string => (p.patient.female ? 'She' : 'He');
const possessive = (p: Persona): string => (p.patient.female ? 'her' : 'his');

/** A clinic SOAP note. */
export function soapNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const [first, second] = rng.sample(PROBLEMS, 2) as [(typeof PROBLEMS)[number], (typeof PROBLEMS)[number]];
  const dept = rng.pick(DEPARTMENTS);
  if (rng.chance(0.5)) {
    b.add(line`PROGRESS NOTE — ${dept}`);
    b.add(
      line`Patient: ${fullName(rng, p.patient)}    DOB: ${date(rng, p.dob)}    MRN: ${phi('MRN', p.mrn)}`,
    );
  } else {
    b.add(line`${rng.pick(FACILITIES)} | Outpatient Clinic Note`);
    b.add(line`Name: ${fullName(rng, p.patient)}`);
    b.add(
      line`${rng.pick(['Medical Record Number', 'MRN', 'MR#', 'Chart No.'])}: ${phi('MRN', p.mrn)}   Date of birth: ${date(rng, p.dob)}`,
    );
  }
  b.add(
    line`Date of service: ${date(rng, p.visit)}  ${rng.int(7, 17)}:${rng.pick(['00', '15', '30', '45'])}`,
  );
  b.add(line`Provider: ${titled(rng, p.attending, true)}, ${dept}`);
  b.add('\n');
  b.add(
    line`S: ${age(rng, p.age)} ${sexWord(p, rng)} with ${first.name} (${first.icd10}) and ${second.name} (${second.icd10}) presents for follow-up. ${pronoun(p)} reports ${first.symptom}.`,
  );
  if (rng.chance(0.5))
    b.add(
      line`${pronoun(p)} was last seen in clinic on ${date(rng, p.admit, false)} and has been adherent to medications.`,
    );
  if (rng.chance(0.45))
    b.add(
      line`Accompanied today by ${possessive(p)} ${p.relative.relation}, ${fullName(rng, p.relative.person)}, who helps with medications.`,
    );
  if (rng.chance(0.3)) b.add(line`${rng.pick(SOCIAL)} ${rng.pick(SOCIAL)}`);
  b.add(line`Medications: ${rng.sample([...first.meds, ...second.meds], 3).join('; ')}.`);
  b.add(line`O: ${vitals(rng)}.`);
  b.add(line`${rng.sample(EXAM_FINDINGS, 3).join(' ')}`);
  b.add(line`Labs (${date(rng, p.admit)}): ${labs(rng)}.`);
  b.add(line`A/P:`);
  b.add(
    line`1. ${first.name} (${first.icd10}): ${rng.pick(['improving', 'stable', 'not at goal', 'worse'])}. ${rng.pick(PLAN_ITEMS)}`,
  );
  b.add(line`2. ${second.name} (${second.icd10}): ${rng.pick(PLAN_ITEMS)}`);
  b.add(
    line`Follow up ${rng.pick(['on', 'in clinic on', 'with me on'])} ${date(rng, p.followUp, rng.chance(0.5))}${rng.chance(0.4) ? '' : ' or sooner if needed'}.`,
  );
  if (rng.chance(0.4)) b.add(line`Questions: clinic nurse line ${phone(rng, p.fax)}.`);
  b.add(
    line`Electronically signed by ${fullName(rng, p.attending)}, ${rng.pick(['MD', 'DO', 'NP', 'PA-C'])} on ${date(rng, p.visit)} at ${rng.int(10, 18)}:${rng.int(10, 59)}`,
  );
  return b;
}

/** A referral letter with letterhead, salutation and sign-off. */
export function referralLetter(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  const dept = rng.pick(DEPARTMENTS);
  b.add(line`${rng.pick(FACILITIES)} — ${dept}`);
  b.add(line`Tel ${phone(rng, p.phone.slice(0, 3) + p.fax.slice(3))}  Fax ${phone(rng, p.fax, 'FAX')}`);
  b.add('\n');
  b.add(line`${date(rng, p.visit)}`);
  b.add('\n');
  b.add(line`Dear ${titled(rng, p.referring, true)},`);
  b.add('\n');
  b.add(
    line`Re: ${fullName(rng, p.patient)}, DOB ${date(rng, p.dob)}, ${rng.pick(['MRN', 'Hospital No.', 'Med Rec #'])} ${phi('MRN', p.mrn)}`,
  );
  b.add(line`Address: ${addressLine(p, rng)}`);
  if (rng.chance(0.6)) b.add(line`Phone: ${phone(rng, p.mobile)}`);
  b.add('\n');
  b.add(
    line`Thank you for seeing ${rng.pick<Piece>([titled(rng, p.patient), 'this patient', fullName(rng, p.patient)])}, a ${ageAdjective(rng, p.age)} ${sexWord(p, rng)} with ${problem.name} (ICD-10 ${problem.icd10}), whom I saw on ${date(rng, p.visit, rng.chance(0.6))}.`,
  );
  b.add(
    line`Over the past ${rng.int(2, 11)} months ${pronoun(p).toLowerCase()} has had ${problem.symptom}. Current treatment: ${problem.meds.join(', ')}.`,
  );
  b.add(line`${vitals(rng)}. ${labs(rng)}.`);
  if (rng.chance(0.5))
    b.add(
      line`${rng.pick(['An echocardiogram', 'A CT of the chest', 'An MRI of the brain'])} on ${date(rng, p.admit)} showed ${rng.pick(['an ejection fraction of 35-40%', 'no acute findings', 'a 6 mm nodule in the right upper lobe'])}.`,
    );
  if (rng.chance(0.5))
    b.add(
      line`${possessive(p).replace(/^./, (c) => c.toUpperCase())} ${p.relative.relation} ${fullName(rng, p.relative.person)} (${phone(rng, p.phone)}) is the best contact.`,
    );
  b.add(
    line`I would be grateful for your opinion regarding ${rng.pick(['further management', 'an ablation', 'biologic therapy', 'surgical options'])}. Records from ${rng.pick(FACILITIES)} are enclosed.`,
  );
  b.add('\n');
  b.add(line`${rng.pick(['Sincerely', 'Kind regards', 'Yours sincerely', 'Best regards'])},`);
  b.add('\n');
  b.add(line`${fullName(rng, p.attending)}, ${rng.pick(['MD', 'MD, FACP', 'DO'])}`);
  if (rng.chance(0.5)) b.add(line`NPI ${phi('LICENSE', `1${String(rng.int(100000000, 999999999))}`)}`);
  if (rng.chance(0.5)) b.add(line`cc: ${titled(rng, p.nurse, true)}; ${dept}`);
  return b;
}

/** A telephone encounter or nurse triage note. */
export function telephoneNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  b.add(line`TELEPHONE ENCOUNTER  ${date(rng, p.visit)} ${rng.int(8, 16)}:${rng.int(10, 59)}`);
  b.add(
    line`${rng.pick(['Patient', 'Pt', 'Caller re'])}: ${fullName(rng, p.patient)}  ${rng.pick(['MRN', 'Patient ID'])}: ${phi('MRN', p.mrn)}`,
  );
  const caller: Piece = rng.chance(0.5)
    ? [
        possessive(p).replace(/^./, (c) => c.toUpperCase()),
        ' ',
        p.relative.relation,
        ' ',
        phi('NAME', p.relative.person.given),
      ]
    : titled(rng, p.patient);
  b.add(
    line`${caller} called ${rng.pick(['at', 'from', 'using'])} ${phone(rng, p.mobile)} reporting ${problem.symptom} since ${rng.pick<Piece>([date(rng, p.admit, false), 'Tuesday', 'last week', 'yesterday'])}.`,
  );
  b.add(
    line`Denies chest pain, fever or syncope. Taking ${rng.pick(problem.meds)}. Home BP readings ${rng.int(118, 168)}/${rng.int(68, 96)}; glucose ${rng.int(90, 260)}.`,
  );
  b.add(
    line`Advised: ${rng.pick(PLAN_ITEMS)} ${rng.pick(['Appointment booked for', 'Seen next on', 'Lab draw on'])} ${date(rng, p.followUp, rng.chance(0.5))}.`,
  );
  if (rng.chance(0.5)) b.add(line`Prescription sent to pharmacy; pharmacy fax ${phone(rng, p.fax, 'FAX')}.`);
  if (rng.chance(0.35))
    b.add(line`Callback number confirmed: ${phi('PHONE', `${p.phone.slice(3, 6)}-${p.phone.slice(6)}`)}.`);
  b.add(line`${rng.pick(['RN', 'Triage nurse', 'Documented by'])}: ${fullName(rng, p.nurse)}, RN`);
  return b;
}

/** A patient-portal message thread with a telehealth connection log. */
export function portalMessage(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  b.add(line`Portal message received ${date(rng, p.visit)} from ${phi('EMAIL', p.email)}`);
  b.add(line`Subject: question about ${rng.pick(problem.meds).split(' ')[0] ?? 'my medicine'}`);
  b.add('\n');
  b.add(
    line`${rng.pick(['Hi', 'Hello', 'Good morning'])} ${titled(rng, p.attending, true)}, this is ${fullName(rng, p.patient)}. Since our visit on ${date(rng, p.admit, false)} I have had ${problem.symptom}.`,
  );
  b.add(
    line`My ${p.relative.relation} ${phi('NAME', p.relative.person.given)} thinks I should come in. I can also be reached at ${phone(rng, p.mobile)} or ${phi('EMAIL', p.email)}.`,
  );
  if (rng.chance(0.5)) b.add(line`I posted my blood sugar log at ${phi('URL', p.url)} if that helps.`);
  b.add('\n');
  b.add(
    line`Reply (${rng.pick(['RN', 'MA', 'care team'])}): Thank you. ${rng.pick(PLAN_ITEMS)} Please schedule a video visit.`,
  );
  b.add('\n');
  b.add(
    line`Telehealth session log: ${date(rng, p.followUp)} ${rng.int(8, 17)}:${rng.int(10, 59)}, client IP ${phi('IP', p.ip)}, duration ${rng.int(9, 41)} min, ${rng.pick(['audio+video', 'audio only'])}.`,
  );
  if (rng.chance(0.5))
    b.add(
      line`Session link: ${phi('URL', `https://telehealth.example.org/join/${rng.chars('abcdefghjkmnpqrstuvwxyz23456789', 10)}`)}`,
    );
  b.add(
    line`Visit completed by ${titled(rng, p.attending, true)} — ${rng.pick(['Family Medicine', 'Endocrinology', 'Cardiology'])}.`,
  );
  return b;
}
