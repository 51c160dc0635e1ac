/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * the wait after the n-th consecutive failure is uniform in [0, min(cap, base·2^(n-1))). Full
 * jitter spreads the 2,000 laptops that come back after an outage instead of having them knock
 * on the server in waves.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** A number in [0, 1); injected so tests need no sleeping and no luck. */
  random: () => number;
}

export const defaultBackoff = { baseMs: 2_000, capMs: 5 * 60_000 } as const;

/** The ceiling of the wait after `failures` consecutive failures (≥ 1). */
export function backoffCeiling(failures: number, options: Pick<BackoffOptions, 'baseMs' | 'capMs'>): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/** The wait before the next attempt after `failures` consecutive failures. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  return Math.floor(options.random() * backoffCeiling(failures, options));
}
