/**
 * Administrative and community notes: registration face sheets, social-work and home-health notes,
 * and bilingual (Chinese/English) inpatient summaries. These hold the identifiers clinical notes
 * rarely do — SSNs, plan and account numbers, licences, vehicles — and test offsets in CJK text.
 */
import { CHINESE_ADDRESSES, CHINESE_NAMES } from './corpus-people';
import { DEPARTMENTS, FACILITIES, PROBLEMS, SOCIAL, labs, vitals } from './corpus-clinical';
import {
  addressLine,
  ageAdjective,
  date,
  fullName,
  makePerson,
  phone,
  titled,
  type Persona,
} from './corpus-persona';
import { NoteBuilder, line, phi } from './note-builder';
import type { Rng } from './prng';

const possessive = (p: Persona): string => (p.patient.female ? 'her' : 'his');

/** A registration face sheet. */
export function faceSheet(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const guarantor = makePerson(rng, p.patient.family);
  b.add(line`PATIENT REGISTRATION — ${rng.pick(FACILITIES)}`);
  b.add(
    line`Name: ${fullName(rng, p.patient)}    Sex: ${p.patient.female ? 'F' : 'M'}    DOB: ${date(rng, p.dob)}    Age: ${p.age > 89 ? phi('AGE_OVER_89', String(p.age)) : String(p.age)}`,
  );
  b.add(
    line`${rng.pick(['SSN', 'Social Security No.', 'SSN#'])}: ${phi('SSN', rng.chance(0.85) ? p.ssn : p.ssn.replace(/-/g, ''))}    MRN: ${phi('MRN', p.mrn)}`,
  );
  b.add(line`Address: ${addressLine(p, rng)}`);
  b.add(
    line`Home: ${phone(rng, p.phone)}    Mobile: ${phone(rng, p.mobile)}    E-mail: ${phi('EMAIL', p.email)}`,
  );
  b.add(
    line`Emergency contact: ${fullName(rng, p.relative.person)} (${p.relative.relation}) ${phone(rng, p.mobile.slice(0, 6) + p.phone.slice(6))}`,
  );
  b.add(
    line`Primary insurance: ${rng.pick(['Blue Cross PPO', 'Aetna HMO', 'Medicare Part B', 'UnitedHealthcare Choice Plus', 'State Medicaid'])}`,
  );
  b.add(
    line`${rng.pick(['Member ID', 'Subscriber ID', 'Policy #', 'Medicare ID', 'Medicaid ID'])}: ${phi('HEALTH_PLAN', p.member)}    Group #: ${phi('HEALTH_PLAN', rng.chars('0123456789', 6))}`,
  );
  b.add(line`Guarantor: ${fullName(rng, guarantor)}    Guarantor account: ${phi('ACCOUNT', p.account)}`);
  b.add(
    line`${rng.pick(["Driver's License", 'DL#', 'License No.'])}: ${phi('LICENSE', p.license)} (${p.state})`,
  );
  b.add(
    line`Employer: ${rng.pick(['retired', 'self-employed', 'Acme Logistics', 'county school district'])}    Preferred language: ${rng.pick(['English', 'Spanish', 'Vietnamese', 'Mandarin'])}`,
  );
  b.add(
    line`Registered by ${fullName(rng, p.nurse)} on ${date(rng, p.admit)} ${rng.int(6, 22)}:${rng.int(10, 59)}; visit encounter ${phi('ID', p.otherId)}.`,
  );
  return b;
}

/** A social-work or home-health note. */
export function socialWorkNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  b.add(line`${rng.pick(['SOCIAL WORK ASSESSMENT', 'HOME HEALTH VISIT NOTE', 'CASE MANAGEMENT NOTE'])}`);
  b.add(line`Client: ${fullName(rng, p.patient)}    Date: ${date(rng, p.visit)}`);
  b.add('\n');
  b.add(
    line`${titled(rng, p.patient)} is a ${ageAdjective(rng, p.age)} with ${problem.name} living ${rng.pick(['alone', 'with family', 'in a senior apartment'])} at ${phi('ADDRESS', p.street)}, ${phi('CITY', p.city)}. ${rng.pick(SOCIAL)}`,
  );
  b.add(
    line`Met with ${possessive(p)} ${p.relative.relation}, ${phi('NAME', `${p.relative.person.given} ${p.relative.person.family}`)}, who ${rng.pick(['manages finances', 'drives to appointments', 'visits twice a week'])}.`,
  );
  if (rng.chance(0.6))
    b.add(
      line`Transportation: family car, ${rng.pick(['plate', 'license plate', 'tag'])} ${phi('VEHICLE', p.plate)}; ${rng.pick(['VIN', 'VIN#'])} ${phi('VEHICLE', p.vin)} recorded for the parking permit.`,
    );
  if (rng.chance(0.6))
    b.add(
      line`Applied for Medicaid; ${possessive(p)} ${rng.pick(['Medicaid ID', 'member ID', 'insurance ID'])} is ${phi('HEALTH_PLAN', p.member)} and SSN ${phi('SSN', p.ssn)} were verified.`,
    );
  if (rng.chance(0.5))
    b.add(
      line`Bank account ${phi('ACCOUNT', p.account)} set up for direct deposit of disability benefits; ${possessive(p)} ID card number ${phi('ID', p.license)}.`,
    );
  b.add(
    line`Home safety: ${rng.pick(['grab bars needed in the bathroom', 'stairs without rails', 'no smoke detector'])}. Fall risk: Morse score ${rng.int(25, 75)}. ${vitals(rng)}.`,
  );
  b.add(
    line`Referred to ${rng.pick(DEPARTMENTS)} and the Area Agency on Aging (${phone(rng, p.fax)}). Next home visit ${date(rng, p.followUp, rng.chance(0.5))}.`,
  );
  if (rng.chance(0.4))
    b.add(line`Pill organizer and blood pressure cuff delivered; cuff serial ${phi('DEVICE', p.serial)}.`);
  b.add(line`${fullName(rng, p.nurse)}, ${rng.pick(['LCSW', 'MSW', 'RN, CCM'])}`);
  return b;
}

/** A bilingual inpatient summary: Chinese headings and narrative around identifiers. */
export function bilingualNote(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  const name = rng.pick(CHINESE_NAMES);
  const y = p.visit.getUTCFullYear();
  const m = p.visit.getUTCMonth() + 1;
  const d = p.visit.getUTCDate();
  b.add(line`出院小结 Discharge Summary — ${rng.pick(FACILITIES)}`);
  b.add(
    line`姓名：${phi('NAME', name)}（${fullName(rng, p.patient)}）  病历号：${phi('MRN', p.mrn)}  年龄：${p.age > 89 ? phi('AGE_OVER_89', String(p.age)) : String(p.age)}岁`,
  );
  b.add(line`入院日期：${phi('DATE', `${y}年${m}月${d}日`)}  出院日期：${date(rng, p.discharge)}`);
  b.add(
    line`联系电话：${phi('PHONE', `1${rng.pick(['38', '39', '58', '86'])} ${rng.chars('0123456789', 4)} ${rng.chars('0123456789', 4)}`)}  住址：${phi('ADDRESS', rng.pick(CHINESE_ADDRESSES))}`,
  );
  b.add('\n');
  b.add(
    line`患者因${rng.pick(['胸痛', '发热咳嗽', '血糖控制不佳', '头晕乏力'])}于${phi('DATE', `${m}月${d}日`)}入院。Diagnosis: ${problem.name} (${problem.icd10}).`,
  );
  b.add(line`治疗：${problem.meds.join('；')}。${labs(rng)}。`);
  b.add(line`生命体征：${vitals(rng)}。`);
  b.add(
    line`主治医师：${titled(rng, p.attending, true)}；随访 follow-up on ${date(rng, p.followUp)}，电话 ${phone(rng, p.phone)}。`,
  );
  if (rng.chance(0.5))
    b.add(line`家属 ${fullName(rng, p.relative.person)} 的邮箱：${phi('EMAIL', p.email)}。`);
  return b;
}
