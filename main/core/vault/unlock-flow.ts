import type { Clock } from './clock';
import type { FileSystem } from './file-system';
import type { KeyFile } from './key-file';
import type { KeyProvider } from './key-provider';
import { FREE_ATTEMPTS, backoffMs, readAttempts, retryAfterMs, writeAttempts } from './throttle';
import { checkPassphrase, openKeystoreSlot, openPassphraseSlot } from './unlock-methods';
import { VaultError } from './vault-errors';

export interface UnlockFlowInput {
  fs: FileSystem;
  dir: string;
  clock: Clock;
  keyFile: KeyFile;
  input: { passphrase: string } | { method: 'os-keystore' };
  keyProvider?: KeyProvider | undefined;
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

/**
 * Finds the master key through one unlock method. A wrong passphrase changes
 * nothing but vault.attempts: the failure is counted there, and after
 * FREE_ATTEMPTS failures further attempts wait an exponentially growing time.
 */
export async function unlockWithSlots(o: UnlockFlowInput): Promise<Buffer> {
  const { keyFile, input } = o;
  const vaultId = keyFile.vaultId;
  if ('method' in input) {
    if (input.method !== 'os-keystore')
      throw new VaultError('INVALID_ARGUMENT', `Unknown unlock method ${String(input.method)}.`);
    const slot = keyFile.auth.slots.find((s) => s.kind === 'os-keystore');
    if (!slot)
      throw new VaultError(
        'UNLOCK_METHOD_UNAVAILABLE',
        'This vault cannot be unlocked with the OS keystore; use your passphrase.',
      );
    return openKeystoreSlot(vaultId, slot, o.keyProvider);
  }

  checkPassphrase(input.passphrase);
  const slots = keyFile.auth.slots.filter((s) => s.kind === 'passphrase');
  if (slots.length === 0)
    throw new VaultError(
      'UNLOCK_METHOD_UNAVAILABLE',
      'This vault has no passphrase; use another unlock method.',
    );
  const attempts = await readAttempts(o.fs, o.dir);
  const wait = retryAfterMs(attempts, o.clock.now());
  if (wait > 0) {
    throw new VaultError(
      'TOO_MANY_ATTEMPTS',
      `Too many wrong passphrases (${attempts.failures}). Try again in ${seconds(wait)}.`,
      {
        retryAfterMs: wait,
      },
    );
  }
  for (const slot of slots) {
    const master = await openPassphraseSlot(vaultId, slot, input.passphrase);
    if (master) {
      if (attempts.failures > 0) await writeAttempts(o.fs, o.dir, { failures: 0, lastFailureAt: null });
      return master;
    }
  }
  const failures = attempts.failures + 1;
  await writeAttempts(o.fs, o.dir, { failures, lastFailureAt: o.clock.now() });
  const backoff = backoffMs(failures);
  const left = FREE_ATTEMPTS - failures;
  const tail =
    backoff > 0
      ? ` Further attempts are blocked for ${seconds(backoff)}.`
      : left > 0
        ? ` ${left} more attempt${left === 1 ? '' : 's'} before a waiting time applies.`
        : '';
  throw new VaultError(
    'WRONG_PASSPHRASE',
    `The passphrase is not correct (failed attempt ${failures}); the vault was not changed.${tail}`,
    {
      ...(backoff > 0 ? { retryAfterMs: backoff } : {}),
    },
  );
}
