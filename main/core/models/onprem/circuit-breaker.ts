/**
 * A circuit breaker for the on-prem model server: after N consecutive failures it opens and calls
 * fail fast (no one waits for timeouts against a dead server); after a cool-down one trial call is
 * let through (half-open); its success closes the circuit, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Failures before opening, and the cool-down before a trial call. */
export interface CircuitBreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
  now?: () => number;
}

/** The breaker; callers report each acquired call exactly once. */
export interface CircuitBreaker {
  /** Whether a call may go ahead now; in half-open, only one trial at a time. */
  tryAcquire(): boolean;
  success(): void;
  failure(): void;
  /** Ends an acquired call that says nothing about the server's health (cancelled, 4xx). */
  release(): void;
  state(): BreakerState;
  /** Milliseconds until a trial call will be allowed (0 unless open). */
  retryInMs(): number;
}

/** Creates a closed breaker. */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt = 0;
  let open = false;
  let trialInFlight = false;

  const state = (): BreakerState => {
    if (!open) return 'closed';
    return now() - openedAt >= options.coolDownMs ? 'half-open' : 'open';
  };

  return {
    tryAcquire() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      failures = 0;
      open = false;
      trialInFlight = false;
    },
    failure() {
      trialInFlight = false;
      failures += 1;
      if (open || failures >= options.failureThreshold) {
        open = true;
        openedAt = now();
      }
    },
    release() {
      trialInFlight = false;
    },
    state,
    retryInMs: () => (state() === 'open' ? Math.max(0, options.coolDownMs - (now() - openedAt)) : 0),
  };
}
