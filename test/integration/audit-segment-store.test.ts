import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../main/core/audit/audit-log';
import { sampleInput, steppingClock } from '../../main/core/audit/audit-fixtures.testkit';
import type { AuditStore } from '../../main/core/audit/audit-store';
import {
  DEVICE_KEY_FILE,
  deviceIdFromPublicKey,
  loadOrCreateDeviceIdentity,
} from '../../main/core/audit/device-identity';
import { FILE_HEADER_BYTES, RECORD_HEADER_BYTES } from '../../main/core/audit/record-file';
import { createAesGcmSealer, type Sealer } from '../../main/core/audit/sealer';
import { openSegmentAuditStore, segmentName } from '../../main/core/audit/segment-audit.store';

let dir: string;
let sealer: Sealer;
const opened: Array<{ log: AuditLog }> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-audit-store-'));
  sealer = createAesGcmSealer(randomBytes(32));
});

afterEach(async () => {
  for (const { log } of opened.splice(0)) await log.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function openLog(options: { segmentEntries?: number; readOnly?: boolean; key?: Sealer } = {}): Promise<{
  log: AuditLog;
  store: AuditStore;
}> {
  const useSealer = options.key ?? sealer;
  const store = await openSegmentAuditStore({
    dir,
    sealer: useSealer,
    segmentEntries: options.segmentEntries ?? 10,
    readOnly: options.readOnly ?? false,
  });
  const identity = await loadOrCreateDeviceIdentity(dir, useSealer);
  const log = await createAuditLog({
    store,
    identity,
    clock: steppingClock(),
    tenant: 'st-mary',
    checkpointEvery: 25,
  });
  opened.push({ log });
  return { log, store };
}

async function closeAll(): Promise<void> {
  for (const { log } of opened.splice(0)) await log.close();
}

/** Offsets of the records in a segment file, from the plain-text framing. */
async function recordOffsets(file: string): Promise<Array<{ offset: number; length: number }>> {
  const data = await readFile(file);
  const out: Array<{ offset: number; length: number }> = [];
  for (let at = FILE_HEADER_BYTES; at < data.length;) {
    const length = data.readUInt32BE(at);
    out.push({ offset: at, length });
    at += RECORD_HEADER_BYTES + length;
  }
  return out;
}

describe('encrypted segment audit store', () => {
  it('persists entries, checkpoints and the device identity across reopen, in sealed segment files', async () => {
    const first = await openLog();
    for (let i = 0; i < 37; i += 1) await first.log.append(sampleInput(i));
    await first.log.checkpoint('lock');
    const head = first.log.head();
    const deviceId = first.log.deviceId;
    await closeAll();

    const files = (await readdir(dir)).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'seg-000001.log',
        'seg-000002.log',
        'seg-000003.log',
        'seg-000004.log',
        'checkpoints.log',
        DEVICE_KEY_FILE,
      ]),
    );
    for (const file of files) {
      const raw = await readFile(join(dir, file));
      expect(raw.includes('hospital.example')).toBe(false);
      expect(raw.includes('PRIVATE KEY')).toBe(false);
    }

    const again = await openLog();
    expect(again.log.deviceId).toBe(deviceId);
    expect(deviceIdFromPublicKey(again.log.identity.publicKeyPem)).toBe(deviceId);
    expect(again.log.head()).toEqual(head);
    expect(again.log.checkpoints().map((s) => s.checkpoint.seq)).toEqual([25, 37]);
    const range: number[] = [];
    for await (const batch of again.log.read(7, 33)) range.push(...batch.map((e) => e.seq));
    expect(range).toEqual(Array.from({ length: 27 }, (_, i) => i + 7));
    await again.log.append(sampleInput(99));
    const report = await again.log.verifyChain();
    expect(report).toMatchObject({ ok: true, count: 38, checkpoints: 2 });
  });

  it('writes one record per group commit and reads bulk batches across segments', async () => {
    const { log } = await openLog({ segmentEntries: 100 });
    await log.appendMany(Array.from({ length: 1000 }, (_, i) => sampleInput(i)));
    expect((await recordOffsets(join(dir, segmentName(1)))).length).toBe(1);
    const page = await log.query({ order: 'asc', afterSeq: 450, limit: 3 });
    expect(page.entries.map((e) => e.seq)).toEqual([451, 452, 453]);
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('detects records swapped inside a segment (associated data binds their place)', async () => {
    const { log } = await openLog({ segmentEntries: 100 });
    for (let i = 0; i < 6; i += 1)
      await log.append({ actor: 'alice', action: 'document.read', outcome: 'allow' });
    await closeAll();
    const file = join(dir, segmentName(1));
    const data = await readFile(file);
    const [, r2, r3] = await recordOffsets(file);
    if (!r2 || !r3 || r2.length !== r3.length) throw new Error('expected equal-length records');
    const body2 = Buffer.from(
      data.subarray(r2.offset + RECORD_HEADER_BYTES, r2.offset + RECORD_HEADER_BYTES + r2.length),
    );
    data.copy(
      data,
      r2.offset + RECORD_HEADER_BYTES,
      r3.offset + RECORD_HEADER_BYTES,
      r3.offset + RECORD_HEADER_BYTES + r3.length,
    );
    body2.copy(data, r3.offset + RECORD_HEADER_BYTES);
    await writeFile(file, data);

    const { log: reopened } = await openLog();
    const report = await reopened.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.failure?.message).toMatch(/does not authenticate/);
  });

  it('cuts off a torn last write on open and keeps appending after it', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 12; i += 1) await log.append(sampleInput(i));
    const head = log.head();
    await closeAll();
    await appendFile(
      join(dir, segmentName(2)),
      Buffer.from([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 13, 0, 0, 0, 1, 7, 7, 7]),
    );
    const { log: reopened } = await openLog();
    expect(reopened.head()).toEqual(head);
    await reopened.append(sampleInput(13));
    expect(await reopened.verifyChain()).toMatchObject({ ok: true, count: 13 });
  });

  it('refuses a wrong key, a second writer, and reports a missing segment as a broken chain', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 35; i += 1) await log.append(sampleInput(i));
    await expect(openSegmentAuditStore({ dir, sealer })).rejects.toThrow(/already open/);
    const reader = await openSegmentAuditStore({ dir, sealer, readOnly: true });
    expect(reader.head()).toEqual(log.head());
    await reader.close();
    await closeAll();

    await expect(
      openSegmentAuditStore({ dir, sealer: createAesGcmSealer(randomBytes(32)) }),
    ).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
    });

    await rename(join(dir, segmentName(2)), join(dir, 'moved-away'));
    const { log: damaged } = await openLog();
    const report = await damaged.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({
      seq: 11,
      message: expect.stringMatching(/seg-000002\.log.*missing/),
    });
  });

  it('detects the last segment deleted behind a checkpoint (truncation)', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 28; i += 1) await log.append(sampleInput(i));
    await log.checkpoint('sync');
    await closeAll();
    await rm(join(dir, segmentName(3)));
    const { log: reopened } = await openLog();
    const report = await reopened.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.failure?.message).toMatch(/ends at seq 20 but a checkpoint signed seq 2[58]/);
  });
});
