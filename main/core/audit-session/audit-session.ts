import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEvent } from '../../../common/contract';
import { createAuditLog, type AuditLog } from '../audit/audit-log';
import { loadOrCreateDeviceIdentity } from '../audit/device-identity';
import { openSegmentAuditStore } from '../audit/segment-audit.store';
import type { Clock } from '../clock';
import type { AuditRecord, AuditSink } from '../router/audit-sink';
import type { VaultService } from '../vault';
import { auditSealerFromVault } from './audit-key';

/** Where audit records made while the vault is locked wait (plain JSON lines: acts, never content). */
const PENDING_FILE = 'audit-pending.jsonl';

export interface AuditSession extends AuditSink {
  /** Opens the tamper-evident log with the key inside the just-unlocked vault, then appends what waited. */
  open(vault: VaultService): Promise<void>;
  /** Signs a checkpoint (reason "lock") and closes the log before the vault's keys are wiped. */
  close(): Promise<void>;
  /** The open log, for the Audit view and export; undefined while locked. */
  log(): AuditLog | undefined;
}

export interface AuditSessionOptions {
  dataDir: string;
  clock: Clock;
  tenant: string;
  policyVersion?: () => number;
  checkpointIntervalMs?: number;
  onBackgroundError?: (error: unknown) => void;
}

/**
 * The router's audit stage for the app: the hash-chained log in `<dataDir>/audit`, sealed with a key
 * that lives in the vault. The log cannot be written while the vault is locked, yet unlock attempts
 * (and denials) must be recorded, so records made while locked are appended to a small pending file
 * (fsynced by appendFile's O_APPEND + the next open) and enter the chain, with their original time in
 * `details.recordedAt`, at the next unlock.
 */
export function createAuditSession(options: AuditSessionOptions): AuditSession {
  const pendingFile = join(options.dataDir, PENDING_FILE);
  let current: AuditLog | undefined;

  async function drainPending(log: AuditLog): Promise<void> {
    let text: string;
    try {
      text = await readFile(pendingFile, 'utf8');
    } catch {
      return;
    }
    const inputs = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const record = JSON.parse(line) as AuditRecord & { recordedAt: string };
          return [toInput(record, record.recordedAt)];
        } catch {
          // A torn last line from a crash mid-append: the rest still counts.
          return [];
        }
      });
    if (inputs.length > 0) await log.appendMany(inputs);
    await rm(pendingFile, { force: true });
  }

  function toInput(record: AuditRecord, recordedAt?: string) {
    return {
      actor: record.actor,
      action: record.action,
      resource: { type: 'channel', id: record.action },
      outcome: record.outcome,
      details: {
        reason: record.reason,
        policyId: record.policyId,
        ...(record.details ?? {}),
        ...(recordedAt !== undefined && { recordedAt }),
      },
    };
  }

  return {
    store: 'vault',
    async open(vault) {
      if (current) return;
      const dir = join(options.dataDir, 'audit');
      const sealer = await auditSealerFromVault(vault, true);
      const identity = await loadOrCreateDeviceIdentity(dir, sealer);
      const store = await openSegmentAuditStore({ dir, sealer });
      const log = await createAuditLog({
        store,
        identity,
        clock: options.clock,
        tenant: options.tenant,
        ...(options.policyVersion && { policyVersion: options.policyVersion }),
        ...(options.onBackgroundError && { onBackgroundError: options.onBackgroundError }),
      });
      await drainPending(log);
      log.startCheckpointTimer(options.checkpointIntervalMs ?? 15 * 60_000);
      current = log;
    },
    async close() {
      const log = current;
      current = undefined;
      if (!log) return;
      log.stopCheckpointTimer();
      await log.checkpoint('lock');
      await log.close();
    },
    log: () => current,
    async record(record) {
      if (current) {
        await current.append(toInput(record));
        return;
      }
      const line = JSON.stringify({ ...record, recordedAt: options.clock.now().toISOString() });
      await appendFile(pendingFile, `${line}\n`, { mode: 0o600, flush: true });
    },
    async recent(limit): Promise<AuditEvent[]> {
      return current ? current.recent(limit) : [];
    },
  };
}

/** Stands in when a caller injected its own AuditSink (tests): the tamper-evident log is not open. */
export function unavailableAuditSession(): AuditSession {
  return {
    store: 'memory',
    open: async () => undefined,
    close: async () => undefined,
    log: () => undefined,
    record: () => undefined,
    recent: () => [],
  };
}
