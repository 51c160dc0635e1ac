import { useEffect } from 'react';
import { api } from '../../../api';
import { useStore } from '../../../store';

/** At most one `vault.touch` per this interval: enough to postpone a lock counted in minutes. */
export const TOUCH_INTERVAL_MS = 30_000;

/**
 * While the vault is open, the user's keys and clicks tell main they are still here, which
 * postpones the idle lock. Throttled: the first activity is sent at once, then at most one every
 * 30 seconds.
 */
export function useActivityTouch(): void {
  const reportError = useStore((s) => s.reportError);
  useEffect(() => {
    let lastSent = Number.NEGATIVE_INFINITY;
    const onActivity = (): void => {
      // With the core gone there is no lock to postpone; the status bar already says so.
      if (useStore.getState().statusLink === 'lost') return;
      const now = Date.now();
      if (now - lastSent < TOUCH_INTERVAL_MS) return;
      lastSent = now;
      api.vault.touch({}).catch(reportError);
    };
    const options = { capture: true, passive: true };
    window.addEventListener('keydown', onActivity, options);
    window.addEventListener('pointerdown', onActivity, options);
    return () => {
      window.removeEventListener('keydown', onActivity, options);
      window.removeEventListener('pointerdown', onActivity, options);
    };
  }, [reportError]);
}
