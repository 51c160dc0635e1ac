import { describe, expect, it } from 'vitest';
import { rankSentences, summarize } from './text-rank';

describe('TextRank summary', () => {
  it('picks the central sentences and returns them in source order', () => {
    const text = [
      'The weather was pleasant on Tuesday.',
      'Heart failure patients need daily weights and a low salt diet.',
      'My cousin likes to paint landscapes.',
      'Daily weights help heart failure patients notice fluid gain early.',
      'A low salt diet reduces fluid retention in heart failure.',
      'The parking garage closes at nine.',
    ].join(' ');
    const summary = summarize(text, { sentences: 2 });
    expect(summary.totalSentences).toBe(6);
    const chosen = summary.sentences.map((s) => s.index);
    // Sentences 1, 3 and 4 are about heart failure and share words; 0, 2 and 5 are off-topic.
    expect(chosen.every((i) => [1, 3, 4].includes(i))).toBe(true);
    expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
    expect(summary.text).toBe(summary.sentences.map((s) => s.text).join(' '));
    // The best-connected sentence (1 shares words with both 3 and 4) always makes the cut.
    expect(chosen).toContain(1);
  });

  it('works on Chinese text', () => {
    const text =
      '今天天气晴朗。高血压患者需要每天测量血压并低盐饮食。我喜欢喝茶。高血压患者应坚持低盐饮食。每天测量血压有助于控制高血压。';
    const summary = summarize(text, { sentences: 2 });
    expect(summary.sentences.every((s) => s.text.includes('高血压'))).toBe(true);
    expect(summary.text).not.toContain(' ');
  });

  it('supports a ratio and handles degenerate input', () => {
    expect(summarize('One. Two. Three. Four.', { ratio: 0.5 }).sentences).toHaveLength(2);
    expect(summarize('').sentences).toEqual([]);
    expect(rankSentences(['Only one sentence here.'])).toEqual([0.15000000000000002]);
  });
});
