import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { createCircuitBreaker } from './circuit-breaker';

describe('circuit breaker', () => {
  it('opens after N failures, lets one trial through after the cool-down, closes on success', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 1_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(1_000);
    now = 1_000;
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // one trial at a time
    breaker.success();
    expect(breaker.state()).toBe('closed');
  });

  it('re-opens when the half-open trial fails, and a released trial frees the slot', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 100, now: () => now });
    breaker.tryAcquire();
    breaker.failure();
    now = 100;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state()).toBe('open');
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter and a cap', () => {
    expect(backoffDelay(0, { baseMs: 100, maxMs: 1_000 }, () => 0.999)).toBe(99);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 1_000 }, () => 0.5)).toBe(400);
    expect(backoffDelay(10, { baseMs: 100, maxMs: 1_000 }, () => 0.999)).toBe(999);
    expect(backoffDelay(2, { baseMs: 100, maxMs: 1_000 }, () => 0)).toBe(0);
  });
});
