/**
 * A simulated device for server tests and the server benchmark: an Ed25519 audit identity and a
 * hash chain it can cut into batches with signed checkpoints, exactly as the desktop log writes them.
 */
import type { Checkpoint } from '../../../common/audit/checkpoint.schema';
import { ZERO_HASH, type AuditEntry } from '../../../common/audit/entry.schema';
import type { AuditBatchRequest } from '../../../common/sync/server-api';
import { checkpointDigest, entryHash } from '../../../main/core/audit/audit-hash';
import { signCheckpoint } from '../../../main/core/audit/audit-signature';
import { createEphemeralIdentity, type DeviceIdentity } from '../../../main/core/audit/device-identity';

export interface SimulatedDevice {
  identity: DeviceIdentity;
  entries: AuditEntry[];
  /** Appends `count` entries dated from `startMs`, one second apart. */
  append(count: number, startMs?: number): void;
  /** Entries from…to (inclusive) with one checkpoint over `to`. */
  batch(from: number, to: number): AuditBatchRequest;
}

const ACTORS = ['alice@hospital.example', 'bob@hospital.example', 'carol@hospital.example'];
const ACTIONS = ['document.read', 'document.update', 'document.export', 'ai.invoke', 'vault.unlock'];

export function createSimulatedDevice(
  tenant = 'st-mary',
  identity = createEphemeralIdentity(),
): SimulatedDevice {
  const entries: AuditEntry[] = [];
  let lastCheckpoint = ZERO_HASH;
  const device: SimulatedDevice = {
    identity,
    entries,
    append(count, startMs = Date.parse('2026-11-24T08:00:00.000Z')) {
      for (let i = 0; i < count; i += 1) {
        const seq = entries.length + 1;
        const unhashed = {
          v: 1 as const,
          seq,
          ts: new Date(startMs + i * 1000).toISOString(),
          tenant,
          device: identity.deviceId,
          actor: ACTORS[seq % ACTORS.length] as string,
          action: ACTIONS[seq % ACTIONS.length] as string,
          resource: { type: 'document', id: `doc-${seq % 50}` },
          outcome: seq % 7 === 3 ? ('deny' as const) : ('allow' as const),
          policyVersion: 1,
          details: { reason: 'sample' },
          prev: entries.at(-1)?.hash ?? ZERO_HASH,
        };
        entries.push({ ...unhashed, hash: entryHash(unhashed) });
      }
    },
    batch(from, to) {
      const slice = entries.slice(from - 1, to);
      const lastEntry = slice.at(-1) as AuditEntry;
      const checkpoint: Checkpoint = signCheckpoint(identity, {
        v: 1,
        device: identity.deviceId,
        seq: lastEntry.seq,
        head: lastEntry.hash,
        ts: lastEntry.ts,
        prevCheckpoint: lastCheckpoint,
      });
      lastCheckpoint = checkpointDigest(checkpoint);
      return { entries: slice, checkpoints: [checkpoint] };
    },
  };
  return device;
}
