/**
 * Opens the audit log of a vault folder for the `starring audit` commands.
 *
 * The store's key is the audit key kept inside the vault (see audit-session/audit-key.ts), so the
 * CLI needs the vault passphrase, exactly like the app.
 */
import { join } from 'node:path';
import { AppError } from '../../../common/errors';
import { systemClock, type Clock } from '../clock';
import { auditSealerFromVault } from '../audit-session/audit-key';
import { createVaultService } from '../vault';
import { createAuditLog, type AuditLog } from './audit-log';
import { createEphemeralIdentity, loadDeviceIdentity, loadOrCreateDeviceIdentity } from './device-identity';
import type { Sealer } from './sealer';
import { openSegmentAuditStore } from './segment-audit.store';

/** The audit store's folder inside a vault folder. */
export const AUDIT_DIR = 'audit';

/** An opened audit log for one CLI command. */
export interface CliAudit {
  log: AuditLog;
  /** Whether the store was opened without the writer lock (nothing can be appended). */
  readOnly: boolean;
  close(): Promise<void>;
}

/**
 * The audit sealer for a CLI command: unlocks the vault in `<dataDir>/vault` with
 * STARRING_PASSPHRASE and takes the audit key kept inside it. With `create`, a missing vault is
 * created (tests, first use) and a missing audit key generated.
 */
async function cliSealer(dataDir: string, env: NodeJS.ProcessEnv, create: boolean): Promise<Sealer> {
  const passphrase = env.STARRING_PASSPHRASE;
  if (!passphrase) {
    throw new AppError('INVALID_ARGUMENT', 'Set STARRING_PASSPHRASE to the vault passphrase.');
  }
  const vault = createVaultService({ dir: join(dataDir, 'vault') });
  if (!(await vault.exists())) {
    if (!create) throw new AppError('NOT_FOUND', `There is no vault (and so no audit log) in ${dataDir}.`);
    await vault.create({ passphrase });
  } else {
    await vault.unlock({ passphrase });
  }
  try {
    return await auditSealerFromVault(vault, create);
  } finally {
    await vault.lock();
  }
}

/**
 * Opens `<vaultDir>/audit`. Writers (export) take the writer lock; readers (tail, siem) never
 * modify anything. Nothing is created unless `create` is set (the app's first run, tests), so a
 * mistyped --vault is an error rather than a new, empty audit log.
 */
export async function openAuditForCli(
  vaultDir: string,
  env: NodeJS.ProcessEnv,
  options: { readOnly?: boolean; create?: boolean; clock?: Clock } = {},
): Promise<CliAudit> {
  const readOnly = options.readOnly ?? false;
  const dir = join(vaultDir, AUDIT_DIR);
  const sealer = await cliSealer(vaultDir, env, !readOnly && options.create === true);
  const identity = readOnly
    ? ((await loadDeviceIdentity(dir, sealer)) ?? createEphemeralIdentity())
    : await loadOrCreateDeviceIdentity(dir, sealer);
  const store = await openSegmentAuditStore({ dir, sealer, readOnly });
  const log = await createAuditLog({
    store,
    identity,
    clock: options.clock ?? systemClock,
    tenant: env.STARRING_TENANT ?? 'local',
  });
  return { log, readOnly, close: () => log.close() };
}
