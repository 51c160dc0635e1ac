import { describe, expect, it } from 'vitest';
import { createModelResidency } from './model-residency';

const MB = 2 ** 20;
const model = (key: string, mb: number) => ({ key, bytes: mb * MB, packHash: key, contextWindow: 512 });

describe('model residency', () => {
  it('evicts least recently used models until the new one fits the budget', () => {
    const residency = createModelResidency({ budgetBytes: 100 * MB, largeModelBytes: 1_000 * MB });
    residency.add(model('a', 40));
    residency.add(model('b', 40));
    residency.touch('a'); // b is now the least recently used
    expect(residency.planAdmission('c', 40 * MB)).toEqual(['b']);
    expect(residency.planAdmission('a', 40 * MB)).toEqual([]); // already resident
  });

  it('keeps at most one large model resident', () => {
    const residency = createModelResidency({ budgetBytes: 10_000 * MB, largeModelBytes: 256 * MB });
    residency.add(model('llm-1', 800));
    residency.add(model('embedder', 90));
    expect(residency.planAdmission('llm-2', 900 * MB)).toEqual(['llm-1']);
  });

  it('refuses a model bigger than the whole budget with the sizes in words', () => {
    const residency = createModelResidency({ budgetBytes: 2 ** 30, largeModelBytes: 256 * MB });
    expect(() => residency.planAdmission('huge', 3 * 2 ** 30)).toThrow(
      /3\.0 GB of memory, more than the 1\.0 GB/,
    );
  });
});
