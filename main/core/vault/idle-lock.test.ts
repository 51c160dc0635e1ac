import { describe, expect, it, vi } from 'vitest';
import { createFakeClock as fakeClock } from './fake-clock';
import { createIdleLock } from './idle-lock';

describe('idle lock', () => {
  it('locks after the idle period, and touches postpone it', async () => {
    const clock = fakeClock();
    const onLock = vi.fn();
    const idle = createIdleLock({ minutes: 10, onLock, clock });
    expect(idle.minutes).toBe(10);
    idle.touch();
    clock.advance(9 * 60_000);
    idle.touch();
    clock.advance(9 * 60_000);
    await Promise.resolve();
    expect(onLock).not.toHaveBeenCalled();
    clock.advance(60_001);
    await new Promise((r) => setImmediate(r));
    expect(onLock).toHaveBeenCalledTimes(1);
    clock.advance(60 * 60_000);
    await new Promise((r) => setImmediate(r));
    expect(onLock).toHaveBeenCalledTimes(1);
    idle.touch();
    idle.stop();
    clock.advance(60 * 60_000);
    await new Promise((r) => setImmediate(r));
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('defaults to 10 minutes and rejects nonsense', () => {
    expect(createIdleLock({ onLock: () => undefined, clock: fakeClock() }).minutes).toBe(10);
    expect(() => createIdleLock({ minutes: 0, onLock: () => undefined })).toThrow(RangeError);
  });
});
