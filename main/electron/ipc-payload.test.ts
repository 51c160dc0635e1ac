import { describe, expect, it } from 'vitest';
import { measurePayload } from './ipc-payload';

describe('measurePayload', () => {
  it('accepts plain JSON data and estimates at least its JSON size', () => {
    const value = {
      t: 'invoke',
      id: '1',
      channel: 'app.info',
      request: { list: [1, true, null, 'ü'], nested: {} },
    };
    const verdict = measurePayload(value, 1024);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(value)));
  });

  it('refuses values over the budget, including many small parts and multi-byte text', () => {
    expect(measurePayload('x'.repeat(2000), 1000)).toEqual({ ok: false, reason: 'too-large' });
    expect(
      measurePayload(
        Array.from({ length: 200 }, () => 'abcdefghij'),
        1000,
      ),
    ).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(measurePayload('星'.repeat(400), 1000)).toEqual({ ok: false, reason: 'too-large' });
    expect(measurePayload('星'.repeat(300), 1000).ok).toBe(true);
  });

  it('refuses what is not plain data', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i += 1) deep = [deep];
    for (const value of [new Map(), new Date(), new Uint8Array(4), 10n, cyclic, deep, [new Set()]]) {
      expect(measurePayload(value, 1_000_000)).toEqual({ ok: false, reason: 'not-plain' });
    }
  });
});
