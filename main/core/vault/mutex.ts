/**
 * A FIFO async mutex. sql.js is one in-memory connection, so every change (and
 * every read that must not see a half-committed change) runs through one of these.
 */
export interface Mutex {
  run<T>(fn: () => Promise<T> | T): Promise<T>;
  /** True while some caller holds the mutex. */
  readonly busy: boolean;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  let holders = 0;
  return {
    get busy() {
      return holders > 0;
    },
    run<T>(fn: () => Promise<T> | T): Promise<T> {
      holders++;
      const result = tail.then(fn);
      // The chain must survive a failed holder, or one error would wedge the vault.
      tail = result.then(
        () => holders--,
        () => holders--,
      );
      return result;
    },
  };
}
