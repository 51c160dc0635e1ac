import { z } from 'zod';
import { channel, stream } from './define';

/** Passphrases travel only from the unlock screen to main; bounded so a hostile payload stays small. */
const Passphrase = z.string().min(1).max(1_024);

export const UnlockMethodKind = z.enum(['passphrase', 'os-keystore', 'recovery']);
export type UnlockMethodKind = z.infer<typeof UnlockMethodKind>;

export const UnlockMethod = z.strictObject({
  id: z.string(),
  kind: UnlockMethodKind,
  label: z.string(),
  createdAt: z.string(),
});
export type UnlockMethod = z.infer<typeof UnlockMethod>;

export const VaultState = z.strictObject({
  state: z.enum(['absent', 'locked', 'unlocked']),
  methods: z.array(UnlockMethod),
  /** Whether the OS keystore can protect the vault key here, and if not, why. */
  keystore: z.strictObject({ available: z.boolean(), backend: z.string(), reason: z.string() }),
  /** Managed configuration or an insecure keystore can require a passphrase. */
  passphraseRequired: z.boolean(),
  failedAttempts: z.number().int().nonnegative(),
  retryAfterMs: z.number().int().nonnegative(),
  idleLockMinutes: z.number().int().positive(),
});
export type VaultState = z.infer<typeof VaultState>;

export const PassphraseStrength = z.strictObject({
  /** 0 (guessable in seconds) to 4 (very strong), as zxcvbn scores it. */
  score: z.number().int().min(0).max(4),
  acceptable: z.boolean(),
  warning: z.string(),
  suggestions: z.array(z.string()),
  crackTime: z.string(),
});
export type PassphraseStrength = z.infer<typeof PassphraseStrength>;

export const VaultStats = z.strictObject({
  documents: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  blobs: z.number().int().nonnegative(),
  bytesOnDisk: z.number().int().nonnegative(),
  journalRecords: z.number().int().nonnegative(),
  generation: z.number().int().nonnegative(),
  dataKeys: z.number().int().nonnegative(),
});
export type VaultStats = z.infer<typeof VaultStats>;

export const ReencryptEvent = z.strictObject({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  finished: z.boolean(),
});

const Empty = z.strictObject({});

export const vaultContract = {
  'vault.state': channel({
    summary: 'Whether a vault exists and is unlocked, its unlock methods, and what the keystore can do here.',
    request: Empty,
    reply: VaultState,
  }),
  'vault.passphraseStrength': channel({
    summary: 'Rates a candidate passphrase for the strength meter (scored in main, never stored).',
    request: z.strictObject({ passphrase: z.string().max(1_024) }),
    reply: PassphraseStrength,
  }),
  'vault.create': channel({
    summary: 'First run: creates the vault with a passphrase and, optionally, the OS keystore.',
    request: z.strictObject({ passphrase: Passphrase, useOsKeystore: z.boolean().default(false) }),
    reply: VaultState,
    audited: true,
  }),
  'vault.unlock': channel({
    summary: 'Unlocks with the passphrase or the OS keystore.',
    request: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('passphrase'), passphrase: Passphrase }),
      z.strictObject({ method: z.literal('os-keystore') }),
    ]),
    reply: VaultState,
    audited: true,
  }),
  'vault.lock': channel({
    summary: 'Locks now: keys are wiped from memory and the UI returns to the unlock screen.',
    request: Empty,
    reply: VaultState,
    audited: true,
  }),
  'vault.changePassphrase': channel({
    summary: 'Replaces the passphrase slot (or adds one when the vault has none).',
    request: z.strictObject({ current: Passphrase.optional(), next: Passphrase }),
    reply: VaultState,
    audited: true,
  }),
  'vault.addKeystore': channel({
    summary: 'Adds the OS keystore as an unlock method.',
    request: Empty,
    reply: VaultState,
    audited: true,
  }),
  'vault.removeMethod': channel({
    summary: 'Removes an unlock method; the last one can never be removed.',
    request: z.strictObject({ id: z.string().min(1).max(128) }),
    reply: VaultState,
    audited: true,
  }),
  'vault.rotateKeys': channel({
    summary: 'Starts a new data key for new writes; old keys stay for reading.',
    request: Empty,
    reply: VaultStats,
    audited: true,
  }),
  'vault.stats': channel({
    summary: 'Counts and sizes of the unlocked vault.',
    request: Empty,
    reply: VaultStats,
  }),
  'vault.touch': channel({
    summary: 'Tells main the user is active, which postpones the idle lock.',
    request: Empty,
    reply: z.strictObject({ lockInMs: z.number().int().nonnegative() }),
  }),
  'vault.reencrypt': stream({
    summary: 'Re-encrypts every file under a fresh data key (after a suspected compromise), with progress.',
    request: Empty,
    event: ReencryptEvent,
    audited: true,
  }),
};
