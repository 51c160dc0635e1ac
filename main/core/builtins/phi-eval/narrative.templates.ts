/**
 * Free-prose notes written AFTER the detector was tuned and never tuned against: nursing shift
 * narratives and forwarded care-coordination e-mails, in the looser style of real charting
 * ("Wife Dolores at bedside", "pt's niece (Anna) 740 555 0199", "acct 55-88231-0"). They keep the
 * corpus honest: identifiers here appear in phrasings the rules were not written for.
 */
import { PROBLEMS, SOCIAL, vitals } from './corpus-clinical';
import { CITIES } from './corpus-people';
import { date, makePerson, phone, type Persona } from './corpus-persona';
import { NoteBuilder, line, phi, type Piece } from './note-builder';
import type { Rng } from './prng';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Sat', 'Sun', 'Tues', 'Thurs'];

/** A nursing shift narrative in charting shorthand. */
export function nursingNarrative(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const problem = rng.pick(PROBLEMS);
  const relative = p.relative.person;
  const other = makePerson(rng);
  const [homeCity, homeState] = rng.pick(CITIES);
  b.add(
    line`${rng.pick(['0700-1900', '1900-0700', 'Day shift', 'Night shift'])} nursing note, ${date(rng, p.visit, rng.chance(0.5))}`,
  );
  b.add(
    line`Pt is a ${p.age > 89 ? phi('AGE_OVER_89', String(p.age)) : String(p.age)} y.o. ${p.patient.female ? 'F' : 'M'} admitted for ${problem.name}. A&Ox${rng.int(2, 4)}, resting in bed. ${vitals(rng)}.`,
  );
  const visitor: Piece = rng.pick<Piece>([
    [cap(p.relative.relation), ' ', phi('NAME', relative.given), ' at bedside overnight'],
    [
      cap(p.relative.relation),
      ' (',
      phi('NAME', `${relative.given} ${relative.family}`),
      ') visited this evening',
    ],
    [
      'Visitor: ',
      p.relative.relation,
      ' ',
      phi('NAME', relative.given),
      ', stayed until ',
      `${rng.int(19, 22)}:00`,
    ],
    ["Pt's ", p.relative.relation, ' ', phi('NAME', relative.given), ' here most of the day'],
  ]);
  b.add(
    line`${visitor}; asked that updates go to ${rng.pick(['her', 'his', 'their'])} cell ${phone(rng, p.mobile)}.`,
  );
  if (rng.chance(0.6)) {
    b.add(
      line`Pt states "my ${rng.pick(['grandson', 'nephew', 'friend', 'neighbor'])} ${phi('NAME', other.given)} is driving up from ${phi('CITY', homeCity)} ${rng.pick(['tomorrow', 'on ' + rng.pick(WEEKDAYS), 'this weekend'])}."`,
    );
  }
  b.add(
    line`Pain ${rng.int(0, 8)}/10, medicated with ${rng.pick(problem.meds)}. ${rng.pick(['Voiding qs.', 'Foley in place, UO 40-60 mL/hr.', 'Up to chair x2 with assist.'])}`,
  );
  if (rng.chance(0.5))
    b.add(
      line`Wristband verified (name, DOB ${date(rng, p.dob)}, MRN ${phi('MRN', p.mrn)}) before ${rng.pick(['PRBC transfusion', 'CT', 'heparin bolus'])}.`,
    );
  if (rng.chance(0.5))
    b.add(
      line`Case mgmt: d/c planned ${rng.pick(WEEKDAYS)} ${date(rng, p.discharge, false)} to home in ${phi('CITY', homeCity)}, ${homeState}; ${p.relative.relation} to transport.`,
    );
  b.add(
    line`${rng.pick(['Wound RN', 'Charge RN', 'Dietitian', 'PT'])} ${phi('NAME', other.given === relative.given ? `${other.given} ${other.family}` : other.family)} ${rng.pick(['saw pt', 'notified', 'aware'])}. Will continue to monitor. -- ${phi('NAME', `${p.nurse.given.charAt(0)}. ${p.nurse.family}`)}, RN`,
  );
  return b;
}

/** A forwarded care-coordination e-mail. */
export function coordinationEmail(rng: Rng, p: Persona): NoteBuilder {
  const b = new NoteBuilder();
  const sender = makePerson(rng);
  const senderEmail =
    `${sender.given.charAt(0)}${sender.family}`.toLowerCase().replace(/[^a-z]/g, '') + '@example.org';
  const problem = rng.pick(PROBLEMS);
  const sent = p.visit;
  b.add(line`From: ${phi('NAME', `${sender.given} ${sender.family}`)} <${phi('EMAIL', senderEmail)}>`);
  b.add(line`To: ${rng.pick(['Intake Team', 'Care Coordination', 'Home Health Referrals'])}`);
  b.add(
    line`Sent: ${rng.pick(WEEKDAYS)} ${date(rng, sent)} ${rng.int(1, 12)}:${rng.int(10, 59)} ${rng.pick(['AM', 'PM'])}`,
  );
  b.add(
    line`Subject: FW: referral for ${phi('NAME', `${p.patient.family.toUpperCase()}, ${p.patient.given.charAt(0)}`)} (DOB ${date(rng, p.dob)})`,
  );
  b.add('\n');
  b.add(
    line`Hi all — forwarding the referral for ${phi('NAME', `${p.patient.given} ${p.patient.family}`)}. ${p.patient.female ? 'She' : 'He'}'s a ${p.age > 89 ? phi('AGE_OVER_89', String(p.age)) : String(p.age)} yo ${rng.pick(['retired teacher', 'former farmer', 'veteran', 'widow(er)'])} from ${phi('CITY', p.city)} (${phi('ZIP', p.zip.slice(0, 5))}) with ${problem.name}.`,
  );
  b.add(
    line`Best number is ${rng.pick(['the', 'a'])} ${p.relative.relation}'s cell: ${phone(rng, p.mobile)} (${phi('NAME', p.relative.person.given)}).`,
  );
  b.add(
    line`Insurance: ${rng.pick(['Humana Gold', 'BCBS', 'Medicare + AARP supplement', 'Tricare'])}, ${rng.pick(['member #', 'mbr id', 'ID#'])} ${phi('HEALTH_PLAN', p.member)}. Old chart at ${rng.pick(['Adena', 'Mercy', 'the VA'])} is under ${rng.pick(['acct', 'account no', 'enc #'])} ${phi('ACCOUNT', p.account)}.`,
  );
  b.add(
    line`PCP is ${rng.pick(['Dr', 'Dr.'])} ${phi('NAME', `${p.referring.given} ${p.referring.family}`)} (fax ${phone(rng, p.fax, 'FAX')}). Last seen there ${date(rng, p.admit, rng.chance(0.5))}. ${rng.pick(SOCIAL)}`,
  );
  if (rng.chance(0.5))
    b.add(
      line`Records portal: ${phi('URL', `https://records.example.net/share/${rng.chars('abcdefghijkmnpqrstuvwxyz0123456789', 12)}`)} (link expires ${date(rng, p.followUp, false)}).`,
    );
  b.add('\n');
  b.add(line`Thanks,`);
  b.add(line`${phi('NAME', sender.given)}`);
  return b;
}
