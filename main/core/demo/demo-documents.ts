import type { Classification, Industry } from '../../../common/contract';

export interface DemoDocument {
  title: string;
  templateId: string;
  industry: Industry;
  classification: Classification;
  subjectId?: string;
  /** Section title → text; later versions append to the last section. */
  sections: Record<string, string>;
  /** Edits made after the first save: each becomes a version. */
  revisions: string[];
}

/**
 * Realistic sample documents for the five industries, so a newcomer (and the benchmarks) see the
 * app with the kind of content it is built for. Every name and number here is invented.
 */
export const demoDocuments: DemoDocument[] = [
  {
    title: 'SOAP progress note — follow-up, type 2 diabetes',
    templateId: 'healthcare.soap-note',
    industry: 'healthcare',
    classification: 'phi',
    subjectId: 'patient-10482',
    sections: {
      Subjective:
        'Patient reports improved energy since metformin was increased to 1000 mg twice daily. Occasional loose stools in the first week, now resolved. No polyuria or polydipsia. Walking 30 minutes most days.',
      Objective:
        'BP 128/78 mmHg, HR 72/min, T 36.8 °C, SpO2 98 %, weight 86.4 kg (−2.1 kg in 3 months). HbA1c 7.1 % (was 8.0 %). Foot exam: sensation intact, no ulcers.',
      Assessment: 'Type 2 diabetes mellitus (E11.9), improving control. Weight loss on track.',
      Plan: 'Continue metformin 1000 mg BID. Recheck HbA1c in 3 months. Refer to dietitian for carbohydrate counting. Annual retinal screening due — booked.',
    },
    revisions: [
      'Added: patient declined statin today; discussed cardiovascular risk, will revisit at next visit.',
    ],
  },
  {
    title: 'Discharge summary — community-acquired pneumonia',
    templateId: 'healthcare.discharge-summary',
    industry: 'healthcare',
    classification: 'phi',
    subjectId: 'patient-22817',
    sections: {
      'Reason for admission':
        'Fever, productive cough and right basal crackles for 4 days; CXR right lower lobe consolidation. CURB-65 score 1.',
      'Hospital course':
        'Treated with IV amoxicillin-clavulanate for 48 h, switched to oral on day 3 after defervescence. Oxygen weaned on day 2. Blood cultures negative.',
      'Discharge medications':
        'Amoxicillin-clavulanate 875/125 mg PO BID for 4 more days. Paracetamol 1 g PO QID PRN.',
      'Follow-up': 'GP review in 1 week; repeat chest X-ray in 6 weeks to confirm resolution.',
    },
    revisions: ['Clarified: return to the emergency department if breathlessness worsens or fever recurs.'],
  },
  {
    title: 'Patient leaflet — looking after your inhaler',
    templateId: 'healthcare.patient-education',
    industry: 'healthcare',
    classification: 'public',
    sections: {
      'What it is for':
        'Your inhaler puts medicine straight into your lungs. It helps you breathe more easily.',
      'How to use it':
        'Shake it. Breathe out. Put it in your mouth. Press once and breathe in slowly. Hold your breath for 10 seconds.',
      'Keep it clean': 'Wash the plastic case once a week in warm water. Let it dry in the air.',
    },
    revisions: ['Added a line: ask your pharmacist to check how you use it.'],
  },
  {
    title: 'Maintenance procedure — hydraulic press HP-400 seal replacement',
    templateId: 'manufacturing.maintenance-procedure',
    industry: 'manufacturing',
    classification: 'internal',
    sections: {
      Hazards: 'Stored hydraulic pressure up to 210 bar; crush hazard at the platen; hot oil up to 60 °C.',
      'Lock-out / tag-out':
        '1. Notify the line lead. 2. Stop the press and lower the platen onto blocks. 3. Isolate the main disconnect and apply your personal lock and tag. 4. Bleed the accumulator to 0 bar and verify on gauge PG-2. 5. Try-start to verify zero energy.',
      Tools: '19 mm and 24 mm sockets, torque wrench 20–200 N·m, seal pick set, drip tray, nitrile gloves.',
      'Torque table': 'Gland bolts M12: 85 N·m. Cylinder cap M16: 190 N·m. Fitting JIC-8: 47 N·m.',
    },
    revisions: ['Torque for cylinder cap corrected from 180 to 190 N·m per OEM bulletin 2026-07.'],
  },
  {
    title: 'QC inspection report — bracket B-117, lot 2026-1142',
    templateId: 'manufacturing.qc-inspection',
    industry: 'manufacturing',
    classification: 'internal',
    sections: {
      Measurements:
        'Hole Ø 8.00 ± 0.05 mm: measured 8.02 (pass). Length 120.0 ± 0.2 mm: 120.1 (pass). Flatness 0.10 max: 0.14 (FAIL). Thickness 3.00 ± 0.10 mm: 2.96 (pass).',
      Disposition: 'Lot on hold pending MRB review of flatness; 5 of 32 samples out of tolerance.',
    },
    revisions: ['MRB decision: rework by straightening, 100 % re-inspection of flatness.'],
  },
  {
    title: '8D report — intermittent weld porosity, line 3',
    templateId: 'manufacturing.8d-report',
    industry: 'manufacturing',
    classification: 'confidential',
    sections: {
      'D2 Problem description':
        'Porosity found in 3.2 % of welds on frame F-20 since 3 November, all on night shift.',
      'D4 Root cause':
        'Shielding-gas flow fell below 12 L/min when the bulk tank switched to reserve; regulator undersized.',
      'D5 Corrective action': 'Replace regulator with 30 L/min model; add flow alarm at 14 L/min.',
    },
    revisions: ['D6: verified — zero porosity in 1,240 welds over two weeks.'],
  },
  {
    title: 'Contract review — cleaning services agreement, North Campus',
    templateId: 'business.contract-review',
    industry: 'business',
    classification: 'confidential',
    sections: {
      Clauses:
        'Term 36 months, auto-renewal 12 months unless 90 days notice. Liability capped at fees paid in the prior 12 months.',
      Risks:
        'Auto-renewal notice window is short; no service-level credits for missed cleans in clinical areas.',
      Obligations:
        'Supplier: infection-control training records quarterly. Us: access badges within 5 working days.',
    },
    revisions: ['Negotiation note: supplier accepts SLA credits of 5 % per missed clinical clean.'],
  },
  {
    title: 'Quarterly operations report — Q3',
    templateId: 'business.report',
    industry: 'business',
    classification: 'internal',
    sections: {
      Summary:
        'Throughput up 6 % on Q2; overtime down 11 %. Two lost-time incidents, both slips in the loading bay.',
      Actions: 'Anti-slip coating in loading bay by 15 December; review staffing for peak season.',
    },
    revisions: ['Added energy figures: 4.2 % lower kWh per unit produced.'],
  },
  {
    title: 'Course outline — Introduction to lock-out/tag-out',
    templateId: 'education.course-outline',
    industry: 'education',
    classification: 'public',
    sections: {
      Objectives: 'Identify energy sources; apply and remove locks correctly; verify zero energy.',
      Modules:
        '1. Why LOTO matters (30 min). 2. Energy sources (45 min). 3. Practical on training rig (90 min). 4. Assessment (30 min).',
    },
    revisions: ['Module 3 extended to 2 hours after pilot feedback.'],
  },
  {
    title: 'Quiz — hand hygiene (with answer key)',
    templateId: 'education.quiz',
    industry: 'education',
    classification: 'internal',
    sections: {
      Questions:
        '1. How long should a hand rub take? 2. Name the five moments for hand hygiene. 3. When must you use soap and water instead of alcohol rub?',
      'Answer key':
        '1. 20–30 seconds. 2. Before patient contact, before aseptic task, after body-fluid exposure risk, after patient contact, after touching surroundings. 3. When hands are visibly soiled or after C. difficile exposure.',
    },
    revisions: ['Question 4 added: what to do about rings and watches.'],
  },
  {
    title: 'Marketing copy — open day at the rehabilitation centre',
    templateId: 'content.marketing-copy',
    industry: 'content',
    classification: 'public',
    sections: {
      Headline: 'Step inside: meet the team that gets you moving again',
      Body: 'On Saturday 6 December, our physiotherapists, occupational therapists and nurses open their doors. Try the gait lab, ask questions, and see how rehabilitation works day to day.',
    },
    revisions: ['Brand voice: replaced "state-of-the-art" with "modern" per glossary.'],
  },
  {
    title: 'Video script — safe manual handling (3 minutes)',
    templateId: 'content.video-script',
    industry: 'content',
    classification: 'internal',
    sections: {
      'Scene 1':
        'Warehouse, morning. Narrator: "Most back injuries at work come from lifting the wrong way."',
      'Scene 2': 'Close-up: feet apart, knees bent, load close to the body. On-screen text: "Plan the lift."',
    },
    revisions: ['Scene 3 added: team lift for loads over 25 kg.'],
  },
];

/** The JSON body a document of this shape is saved with. */
export function demoBody(document: DemoDocument, revisionsApplied: number, variant = 0): string {
  const sections = Object.entries(document.sections).map(([title, text], index, all) => ({
    title,
    text:
      index === all.length - 1 ? [text, ...document.revisions.slice(0, revisionsApplied)].join('\n\n') : text,
  }));
  return JSON.stringify({
    type: 'starring-document',
    v: 1,
    templateId: document.templateId,
    variant,
    sections,
  });
}
