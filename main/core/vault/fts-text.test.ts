import { describe, expect, it } from 'vitest';
import { extractText, searchableText, toMatchExpression } from './fts-text';

describe('fts-text', () => {
  it('indexes text values, not structure', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'x1' }, content: [{ type: 'text', text: 'Blood pressure' }] },
        { label: 'Dose', value: 5 },
      ],
    };
    expect(extractText(doc)).toBe('Blood pressure Dose 5');
    expect(searchableText('not json')).toBe('not json');
  });

  it('builds safe prefix queries from any input', () => {
    expect(toMatchExpression('Blood   PRESS')).toBe('"blood*" "press*"');
    expect(toMatchExpression('a" OR b* NEAR(')).toBe('"a*" "or*" "b*" "near*"');
    expect(toMatchExpression('  ** ')).toBeUndefined();
  });
});
