import { useCallback, useEffect, useState } from 'react';

export interface Countdown {
  /** Milliseconds left; 0 when there is nothing to wait for. */
  remaining: number;
  /** A wait was running and is over (the moment to say "you can try again now"). */
  ended: boolean;
  start(ms: number): void;
}

/** A waiting time that counts down on screen (the unlock back-off), starting with `initialMs`. */
export function useCountdown(initialMs: number): Countdown {
  const [deadline, setDeadline] = useState<number | null>(() =>
    initialMs > 0 ? Date.now() + initialMs : null,
  );
  const [remaining, setRemaining] = useState(initialMs > 0 ? initialMs : 0);
  const [ended, setEnded] = useState(false);

  const start = useCallback((ms: number) => {
    if (ms <= 0) return;
    setDeadline(Date.now() + ms);
    setRemaining(ms);
    setEnded(false);
  }, []);

  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => {
      const left = Math.max(0, deadline - Date.now());
      setRemaining(left);
      if (left === 0) {
        setDeadline(null);
        setEnded(true);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);

  return { remaining, ended, start };
}
