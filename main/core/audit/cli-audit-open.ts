/**
 * Opens the audit log of a vault folder for the `starring audit` commands.
 *
 * TEMPORARY (until the vault is wired): the store's key is derived from STARRING_PASSPHRASE with
 * scrypt and a salt file in `<vault>/audit/cli-kdf.json`. When the vault lands, this function is
 * rebound to unlock the vault and take its audit key; the commands do not change.
 */
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../common/errors';
import { systemClock, type Clock } from '../clock';
import { writeFileAtomic } from '../fs/atomic-write';
import { createAuditLog, type AuditLog } from './audit-log';
import { createEphemeralIdentity, loadDeviceIdentity, loadOrCreateDeviceIdentity } from './device-identity';
import { createAesGcmSealer, type Sealer } from './sealer';
import { openSegmentAuditStore } from './segment-audit.store';

/** The audit store's folder inside a vault folder. */
export const AUDIT_DIR = 'audit';
const KDF_FILE = 'cli-kdf.json';
const CHECK_LABEL = 'starring-audit/v1|cli-key-check';

const KdfParams = z.strictObject({
  v: z.literal(1),
  salt: z.base64(),
  N: z
    .number()
    .int()
    .min(1024)
    .max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  check: z.string().regex(/^[0-9a-f]{64}$/),
});

/** An opened audit log for one CLI command. */
export interface CliAudit {
  log: AuditLog;
  /** Whether the store was opened without the writer lock (nothing can be appended). */
  readOnly: boolean;
  close(): Promise<void>;
}

/** TEMPORARY: the audit sealer from STARRING_PASSPHRASE (scrypt N=2^15, r=8, p=1). */
async function cliSealer(auditDir: string, env: NodeJS.ProcessEnv, create: boolean): Promise<Sealer> {
  const passphrase = env.STARRING_PASSPHRASE;
  if (!passphrase) {
    throw new AppError('INVALID_ARGUMENT', 'Set STARRING_PASSPHRASE to the passphrase of the audit log.');
  }
  const file = join(auditDir, KDF_FILE);
  let params: z.infer<typeof KdfParams> | undefined;
  try {
    params = KdfParams.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AppError('STORE_CORRUPT', `${KDF_FILE} is damaged.`, { details: { file: KDF_FILE } });
    }
  }
  const derive = (p: { salt: string; N: number; r: number; p: number }): Buffer =>
    scryptSync(passphrase, Buffer.from(p.salt, 'base64'), 32, {
      N: p.N,
      r: p.r,
      p: p.p,
      maxmem: 256 * 1024 * 1024,
    });
  const checkOf = (key: Buffer): string => createHmac('sha256', key).update(CHECK_LABEL).digest('hex');
  if (!params) {
    if (!create) throw new AppError('NOT_FOUND', `There is no audit log in ${auditDir}.`);
    const fresh = { salt: randomBytes(16).toString('base64'), N: 1 << 15, r: 8, p: 1 };
    const key = derive(fresh);
    params = { v: 1, ...fresh, check: checkOf(key) };
    await writeFileAtomic(file, `${JSON.stringify(params)}\n`);
    return createAesGcmSealer(key);
  }
  const key = derive(params);
  if (!timingSafeEqual(Buffer.from(checkOf(key), 'hex'), Buffer.from(params.check, 'hex'))) {
    throw new AppError('WRONG_PASSPHRASE', 'STARRING_PASSPHRASE is not the passphrase of this audit log.');
  }
  return createAesGcmSealer(key);
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
  const sealer = await cliSealer(dir, env, !readOnly && options.create === true);
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
