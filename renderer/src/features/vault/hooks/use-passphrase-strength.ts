import { useEffect, useState } from 'react';
import type { PassphraseStrength } from '../../../../../common/contract';
import { api } from '../../../api';
import { useStore } from '../../../store';

/** Pause after the last keystroke before asking main to rate the passphrase. */
const DEBOUNCE_MS = 150;

export interface StrengthRating {
  /** The latest rating (possibly of what was typed a moment ago); null before the first. */
  rating: PassphraseStrength | null;
  /** Whether `rating` is for exactly the passphrase now in the field. */
  current: boolean;
}

/**
 * Rates the passphrase with `vault.passphraseStrength` (zxcvbn runs in main, where the same rule
 * is enforced), debounced so typing does not send a request per key.
 */
export function usePassphraseStrength(passphrase: string): StrengthRating {
  const reportError = useStore((s) => s.reportError);
  const [result, setResult] = useState<{ rated: string; rating: PassphraseStrength } | null>(null);

  useEffect(() => {
    if (passphrase === '') return;
    let live = true;
    const timer = setTimeout(() => {
      api.vault.passphraseStrength({ passphrase }).then(
        (rating) => {
          if (live) setResult({ rated: passphrase, rating });
        },
        (error: unknown) => {
          if (live) reportError(error);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [passphrase, reportError]);

  if (passphrase === '') return { rating: null, current: false };
  return { rating: result?.rating ?? null, current: result?.rated === passphrase };
}
