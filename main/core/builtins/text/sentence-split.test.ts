import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-split';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('splits English on . ! ? but not after abbreviations, initials or decimals', () => {
    expect(
      texts('Dr. Smith saw J. Doe today. Dose was 2.5 mg, e.g. twice daily! Any questions? Call us.'),
    ).toEqual([
      'Dr. Smith saw J. Doe today.',
      'Dose was 2.5 mg, e.g. twice daily!',
      'Any questions?',
      'Call us.',
    ]);
  });

  it('splits Chinese on 。！？ and keeps closing quotes', () => {
    expect(texts('患者胸痛三天。医生说：“需要住院！”今天好转了吗？是的')).toEqual([
      '患者胸痛三天。',
      '医生说：“需要住院！”',
      '今天好转了吗？',
      '是的',
    ]);
  });

  it('ends sentences at line breaks but not inside wrapped prose', () => {
    const text =
      'HPI:\nThe patient reports a three day history of chest pain that\nradiates to the left arm. No fever.\n\nPlan\n1. Aspirin';
    expect(texts(text)).toEqual([
      'HPI:',
      'The patient reports a three day history of chest pain that\nradiates to the left arm.',
      'No fever.',
      'Plan',
      '1. Aspirin',
    ]);
  });

  it('reports offsets that slice back to the sentence', () => {
    const text = '  第一句。 Second one.  ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
