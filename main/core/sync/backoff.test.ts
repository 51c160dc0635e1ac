import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff';

describe('backoff with full jitter', () => {
  const options = { baseMs: 2_000, capMs: 300_000 };

  it('doubles the ceiling per failure up to the cap', () => {
    expect([1, 2, 3, 4, 8, 9, 50].map((n) => backoffCeiling(n, options))).toEqual([
      2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('draws the wait uniformly below the ceiling (0 is allowed, the ceiling is not)', () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(4_000);
    expect(backoffDelay(3, { ...options, random: () => 0.9999999 })).toBe(7_999);
  });
});
