import { type Clock, systemClock } from './clock';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** Locks the vault after a period without user activity. */
export interface IdleLock {
  /** Records activity (keystroke, click, IPC call); restarts the countdown. */
  touch(): void;
  /** Cancels the countdown until the next touch(). */
  stop(): void;
  readonly minutes: number;
}

export interface IdleLockOptions {
  /** Minutes of inactivity before locking; default 10 (managed config may set IdleLockMinutes). */
  minutes?: number;
  onLock: () => void | Promise<void>;
  clock?: Clock;
}

/**
 * One timer at a time: touch() only records the time, and when the timer fires it
 * re-arms for the remainder if there was activity meanwhile. Checking elapsed
 * wall time (not counting ticks) also locks correctly after the machine slept.
 */
export function createIdleLock(options: IdleLockOptions): IdleLock {
  const minutes = options.minutes ?? DEFAULT_IDLE_LOCK_MINUTES;
  if (!(minutes > 0) || !Number.isFinite(minutes))
    throw new RangeError('idle-lock minutes must be a positive number');
  const clock = options.clock ?? systemClock;
  const ms = minutes * 60_000;
  let last = clock.now();
  let timer: unknown;

  const arm = (delay: number) => {
    timer = clock.setTimeout(fire, delay);
  };
  function fire(): void {
    timer = undefined;
    const idle = clock.now() - last;
    if (idle < ms) {
      arm(ms - idle);
      return;
    }
    void Promise.resolve()
      .then(options.onLock)
      .catch(() => undefined);
  }

  return {
    minutes,
    touch() {
      last = clock.now();
      if (timer === undefined) arm(ms);
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
