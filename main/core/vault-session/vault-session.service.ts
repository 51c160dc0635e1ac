import type { ReencryptEvent, VaultState, VaultStats } from '../../../common/contract/vault.contract';
import type { z } from 'zod';
import { AppError } from '../../../common/errors';
import type { AppStatusService } from '../app/app-status.service';
import {
  createIdleLock,
  DEFAULT_IDLE_LOCK_MINUTES,
  type IdleLock,
  type KeyProvider,
  type VaultService,
} from '../vault';
import { ratePassphrase } from './passphrase-strength';
import { mapVaultErrors } from './vault-error-mapping';

export interface VaultSessionOptions {
  vault: VaultService;
  /** The OS keystore; absent in the browser harness and the CLI. */
  keyProvider?: KeyProvider;
  /** Why there is no keystore, in words, when `keyProvider` is absent. */
  keystoreAbsentReason?: string;
  status: AppStatusService;
  /** Managed configuration's IdleLockMinutes, or the default 10. */
  idleLockMinutes?: number;
  /** Managed configuration's RequirePassphrase. */
  requirePassphrase?: boolean;
  /** Called after every unlock (and create), with the unlocked vault: the audit log opens here. */
  onUnlocked?: (vault: VaultService) => void | Promise<void>;
  /** Called just before every lock (idle or on demand) while keys still exist: the audit log signs a checkpoint. */
  onLocking?: () => void | Promise<void>;
}

/**
 * The vault as the app uses it: who may unlock how, when it locks itself, and what the status bar
 * shows. The vault engine stays free of UI policy; the router stays free of vault rules.
 */
export interface VaultSession {
  state(): Promise<VaultState>;
  create(input: { passphrase: string; useOsKeystore: boolean }): Promise<VaultState>;
  unlock(
    input: { method: 'passphrase'; passphrase: string } | { method: 'os-keystore' },
  ): Promise<VaultState>;
  lock(): Promise<VaultState>;
  changePassphrase(input: { current?: string | undefined; next: string }): Promise<VaultState>;
  addKeystore(): Promise<VaultState>;
  removeMethod(id: string): Promise<VaultState>;
  rotateKeys(): Promise<VaultStats>;
  stats(): Promise<VaultStats>;
  touch(): { lockInMs: number };
  reencrypt(emit: (event: z.infer<typeof ReencryptEvent>) => void, signal: AbortSignal): Promise<void>;
  /** The unlocked vault, or VAULT_LOCKED. */
  unlocked(): VaultService;
  /** Re-authentication (e-signatures): WRONG_PASSPHRASE / TOO_MANY_ATTEMPTS as AppErrors. */
  verifyPassphrase(passphrase: string): Promise<void>;
  dispose(): void;
}

export function createVaultSession(options: VaultSessionOptions): VaultSession {
  const { vault, status } = options;
  const idleMinutes = options.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
  let idle: IdleLock | undefined;

  async function keystoreState(): Promise<VaultState['keystore']> {
    if (!options.keyProvider) {
      return {
        available: false,
        backend: 'none',
        reason: options.keystoreAbsentReason ?? 'No OS keystore here.',
      };
    }
    const backend = await options.keyProvider.backend();
    if (!(await options.keyProvider.isSecure())) {
      return {
        available: false,
        backend,
        reason:
          backend === 'basic_text'
            ? 'This Linux desktop has no keyring (GNOME Keyring or KWallet), so the OS keystore would protect the vault key with a constant key. A passphrase is required instead.'
            : 'The OS keystore is not available right now. Use your passphrase.',
      };
    }
    return { available: true, backend, reason: '' };
  }

  function state(): Promise<VaultState> {
    return mapVaultErrors(readState);
  }

  async function readState(): Promise<VaultState> {
    const exists = await vault.exists();
    const keystore = await keystoreState();
    const methods = exists ? await vault.listUnlockMethods() : [];
    const attempts = exists ? await vault.unlockStatus() : { failures: 0, retryAfterMs: 0 };
    const current: VaultState['state'] = !exists ? 'absent' : vault.isUnlocked() ? 'unlocked' : 'locked';
    status.update({ vault: current === 'absent' ? 'not-set-up' : current });
    return {
      state: current,
      methods: methods.map((m) => ({
        id: m.id,
        kind: m.kind,
        label:
          m.kind === 'os-keystore'
            ? `OS keystore (${m.backend ?? 'unknown'})`
            : m.kind === 'recovery'
              ? `Organisation recovery key ${m.keyFingerprint?.slice(0, 16) ?? ''}`
              : 'Passphrase',
        createdAt: new Date(m.createdAt).toISOString(),
      })),
      keystore,
      passphraseRequired: Boolean(options.requirePassphrase) || !keystore.available,
      failedAttempts: attempts.failures,
      retryAfterMs: Math.ceil(attempts.retryAfterMs),
      idleLockMinutes: idleMinutes,
    };
  }

  function startIdleLock(): void {
    idle?.stop();
    idle = createIdleLock({ minutes: idleMinutes, onLock: () => lockNow() });
    idle.touch();
  }

  async function lockNow(): Promise<void> {
    idle?.stop();
    idle = undefined;
    if (vault.isUnlocked()) {
      await options.onLocking?.();
      await vault.lock();
    }
    status.update({ vault: 'locked' });
  }

  function requireStrong(passphrase: string): void {
    const rating = ratePassphrase(passphrase);
    if (!rating.acceptable) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `This passphrase is too weak to protect the vault. ${rating.warning} ${rating.suggestions.join(' ')}`.trim(),
        { field: 'passphrase' },
      );
    }
  }

  function unlocked(): VaultService {
    if (!vault.isUnlocked())
      throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return vault;
  }

  return {
    state,
    async create({ passphrase, useOsKeystore }) {
      requireStrong(passphrase);
      if (useOsKeystore && !(await keystoreState()).available) {
        throw new AppError('UNLOCK_METHOD_UNAVAILABLE', (await keystoreState()).reason);
      }
      await mapVaultErrors(() => vault.create({ passphrase, useOsKeystore }));
      await options.onUnlocked?.(vault);
      startIdleLock();
      return state();
    },
    async unlock(input) {
      if (input.method === 'os-keystore' && options.requirePassphrase) {
        throw new AppError(
          'UNLOCK_METHOD_UNAVAILABLE',
          'Your organisation requires the passphrase to unlock this vault.',
        );
      }
      await mapVaultErrors(() =>
        vault.unlock(
          input.method === 'passphrase' ? { passphrase: input.passphrase } : { method: 'os-keystore' },
        ),
      );
      await options.onUnlocked?.(vault);
      startIdleLock();
      return state();
    },
    async lock() {
      await lockNow();
      return state();
    },
    async changePassphrase({ current, next }) {
      requireStrong(next);
      unlocked();
      const methods = await vault.listUnlockMethods();
      if (methods.some((m) => m.kind === 'passphrase')) {
        if (current === undefined) {
          throw new AppError('INVALID_ARGUMENT', 'Enter the current passphrase to change it.', {
            field: 'current',
          });
        }
        await mapVaultErrors(() => vault.changePassphrase({ current, next }));
      } else {
        await mapVaultErrors(() => vault.addUnlockMethod({ kind: 'passphrase', passphrase: next }));
      }
      return state();
    },
    async addKeystore() {
      unlocked();
      const keystore = await keystoreState();
      if (!keystore.available) throw new AppError('UNLOCK_METHOD_UNAVAILABLE', keystore.reason);
      await mapVaultErrors(() => vault.addUnlockMethod({ kind: 'os-keystore' }));
      return state();
    },
    async removeMethod(id) {
      unlocked();
      await mapVaultErrors(() => vault.removeUnlockMethod(id));
      return state();
    },
    async rotateKeys() {
      unlocked();
      await mapVaultErrors(() => vault.rotateDataKey());
      return this.stats();
    },
    async stats() {
      const s = await mapVaultErrors(() => unlocked().stats());
      return {
        documents: s.documents,
        versions: s.versions,
        blobs: s.blobFiles,
        bytesOnDisk: s.bytesOnDisk,
        journalRecords: s.journalRecords,
        generation: s.generation,
        dataKeys: s.dataKeys,
      };
    },
    touch() {
      if (!idle) return { lockInMs: 0 };
      idle.touch();
      return { lockInMs: idleMinutes * 60_000 };
    },
    async reencrypt(emit, signal) {
      const service = unlocked();
      let last = { done: 0, total: 0 };
      const result = await mapVaultErrors(() =>
        service.reencryptAll({
          onProgress: (done, total) => {
            last = { done, total };
            if (!signal.aborted) emit({ done, total, finished: false });
          },
        }),
      );
      if (result.failures.length > 0) {
        const first = result.failures[0];
        throw new AppError(
          'STORE_CORRUPT',
          `Re-encryption finished, but ${result.failures.length} file(s) could not be read: ${first?.file ?? ''} ${first?.problem ?? ''}`.trim(),
        );
      }
      emit({ done: last.total, total: last.total, finished: true });
    },
    unlocked,
    async verifyPassphrase(passphrase) {
      const service = unlocked();
      await mapVaultErrors(() => service.verifyPassphrase(passphrase));
    },
    dispose() {
      idle?.stop();
    },
  };
}
