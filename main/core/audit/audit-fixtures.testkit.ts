/**
 * Test kit for the audit log: a stepping clock, a log pre-filled with entries, a server key for
 * receipts and a zip rewriter for tamper tests. Imported only by tests and benchmarks.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Clock } from '../clock';
import { createAuditLog, type AuditInput, type AuditLog, type AuditLogOptions } from './audit-log';
import { signReceipt } from './audit-signature';
import { createEphemeralIdentity, type DeviceIdentity } from './device-identity';
import { createMemoryAuditStore, type MemoryAuditStore } from './memory-audit.store';

/** A clock that advances `stepMs` on every reading, from `start`. */
export function steppingClock(
  start = '2026-11-24T08:00:00.000Z',
  stepMs = 60_000,
): Clock & { set(iso: string): void } {
  let now = new Date(start).getTime();
  return {
    now() {
      const date = new Date(now);
      now += stepMs;
      return date;
    },
    set(iso) {
      now = new Date(iso).getTime();
    },
  };
}

/** A varied, deterministic input: three users, a few actions, every seventh denied. */
export function sampleInput(i: number): AuditInput {
  const actors = ['alice@hospital.example', 'bob@hospital.example', 'carol@hospital.example'];
  const actions = ['document.read', 'document.update', 'document.export', 'ai.invoke', 'vault.unlock'];
  const denied = i % 7 === 3;
  return {
    actor: actors[i % actors.length] as string,
    action: actions[i % actions.length] as string,
    resource: { type: 'document', id: `doc-${i % 50}` },
    outcome: denied ? 'deny' : 'allow',
    details: {
      reason: denied ? 'classification phi needs a managed device' : 'allowed by role clinician',
      policyId: 'p1',
    },
  };
}

export interface TestLog {
  log: AuditLog;
  store: MemoryAuditStore;
  identity: DeviceIdentity;
  clock: ReturnType<typeof steppingClock>;
}

/** An in-memory log with `entries` sample entries appended one by one (so group commit is real). */
export async function createTestLog(
  entries = 0,
  options: Partial<Omit<AuditLogOptions, 'store' | 'identity' | 'clock'>> = {},
): Promise<TestLog> {
  const store = createMemoryAuditStore();
  const identity = createEphemeralIdentity();
  const clock = steppingClock();
  const log = await createAuditLog({ store, identity, clock, tenant: 'st-mary', ...options });
  if (entries > 0) await log.appendMany(Array.from({ length: entries }, (_, i) => sampleInput(i)));
  return { log, store, identity, clock };
}

/** The enterprise server's key pair, for signing receipts in tests. */
export function createServerKeys(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A receipt for entries from…to of `log`, signed by `server`, naming the real hash of `to`. */
export async function receiptFor(
  log: AuditLog,
  server: { privateKey: KeyObject },
  from: number,
  to: number,
): Promise<ReturnType<typeof signReceipt>> {
  let head = '';
  for await (const batch of log.read(to, to)) head = batch[0]?.hash ?? '';
  return signReceipt(server.privateKey, {
    device: log.deviceId,
    from,
    to,
    head,
    receivedAt: '2026-11-25T00:00:00.000Z',
  });
}

/** Rewrites a zip's members through `mutate` (stored, not compressed: tamper tests only). */
export async function rewriteZip(
  source: string,
  target: string,
  mutate: (files: Map<string, Uint8Array>) => void,
): Promise<void> {
  const files = new Map(Object.entries(unzipSync(await readFile(source))));
  mutate(files);
  const zippable: Zippable = {};
  for (const [name, data] of files) zippable[name] = [data, { level: 0 }];
  await writeFile(target, zipSync(zippable));
}

export const text = (data: Uint8Array | undefined): string =>
  Buffer.from(data ?? new Uint8Array()).toString('utf8');
export const bytes = (value: string): Uint8Array => Buffer.from(value, 'utf8');
