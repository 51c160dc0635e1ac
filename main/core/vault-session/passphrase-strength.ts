import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import type { PassphraseStrength } from '../../../common/contract/vault.contract';

let factory: ZxcvbnFactory | undefined;

/** The weakest score a new vault passphrase may have: "safely unguessable" offline at moderate cost. */
export const MIN_ACCEPTABLE_SCORE = 3;
export const MIN_PASSPHRASE_LENGTH = 10;

/**
 * Scores a passphrase with zxcvbn (dictionaries, keyboard patterns, dates, l33t) in main, so the
 * dictionaries stay out of the renderer bundle and the rule that decides is the one that is enforced.
 */
export function ratePassphrase(passphrase: string): PassphraseStrength {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  const result = factory.check(passphrase.slice(0, 256));
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  return {
    score: result.score,
    acceptable: !tooShort && result.score >= MIN_ACCEPTABLE_SCORE,
    warning: tooShort ? `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` : (result.feedback.warning ?? ''),
    suggestions: result.feedback.suggestions,
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
  };
}
