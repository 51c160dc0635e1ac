import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../main/core/audit/audit-log';
import {
  createServerKeys,
  createTestLog,
  receiptFor,
  sampleInput,
  steppingClock,
} from '../../main/core/audit/audit-fixtures.testkit';
import { signReceipt } from '../../main/core/audit/audit-signature';
import { exportBundle } from '../../main/core/audit/bundle-export';
import { verifyBundle } from '../../main/core/audit/bundle-verify';
import { loadOrCreateDeviceIdentity } from '../../main/core/audit/device-identity';
import { createAesGcmSealer } from '../../main/core/audit/sealer';
import { openSegmentAuditStore } from '../../main/core/audit/segment-audit.store';

const LATER = '2030-01-01T00:00:00.000Z';

describe('audit retention (prune)', () => {
  it('removes only entries covered by a verified receipt, never anything uncovered however old', async () => {
    const server = createServerKeys();
    const { log } = await createTestLog(40);
    const receipt = await receiptFor(log, server, 1, 20);
    const result = await log.prune({
      olderThan: LATER,
      receipts: [receipt],
      serverPublicKeyPem: server.publicKeyPem,
    });
    expect(result).toMatchObject({ pruned: 20, coveredUpTo: 20, eligibleUpTo: 20, rejectedReceipts: 0 });
    expect(log.anchor().seq).toBe(20);
    expect((await log.tail(100)).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));

    // No receipt covers 21…40: a second prune with the same receipt removes nothing.
    const again = await log.prune({
      olderThan: LATER,
      receipts: [receipt],
      serverPublicKeyPem: server.publicKeyPem,
    });
    expect(again.pruned).toBe(0);
    expect(log.head().seq).toBe(40);

    const report = await log.verifyChain();
    expect(report).toMatchObject({ ok: true, count: 20, anchor: { seq: 20 } });
  });

  it('ignores receipts that are forged, for another key or device, or name a different head', async () => {
    const server = createServerKeys();
    const other = createServerKeys();
    const { log } = await createTestLog(30);
    const good = await receiptFor(log, server, 1, 10);
    const receipts = [
      await receiptFor(log, other, 1, 30),
      { ...(await receiptFor(log, server, 1, 30)), to: 29 },
      signReceipt(server.privateKey, {
        device: 'ab'.repeat(16),
        from: 1,
        to: 30,
        head: good.head,
        receivedAt: good.receivedAt,
      }),
      signReceipt(server.privateKey, {
        device: log.deviceId,
        from: 1,
        to: 30,
        head: 'e'.repeat(64),
        receivedAt: good.receivedAt,
      }),
      { not: 'a receipt' },
    ];
    const result = await log.prune({ olderThan: LATER, receipts, serverPublicKeyPem: server.publicKeyPem });
    expect(result).toMatchObject({ pruned: 0, rejectedReceipts: 5 });
    expect(log.anchor().seq).toBe(0);
    await expect(log.acceptReceipt(receipts[0], server.publicKeyPem)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('keeps covered entries younger than the retention period, and needs contiguous coverage', async () => {
    const server = createServerKeys();
    const { log } = await createTestLog(30);
    const entries = await log.tail(30);
    const cutoff = entries[9]?.ts as string; // entries 1…9 are older
    const covering = [await receiptFor(log, server, 1, 5), await receiptFor(log, server, 8, 30)];
    const result = await log.prune({
      olderThan: cutoff,
      receipts: covering,
      serverPublicKeyPem: server.publicKeyPem,
    });
    // 6…7 are not covered, so coverage stops at 5 even though 8…30 are receipted.
    expect(result).toMatchObject({ coveredUpTo: 5, eligibleUpTo: 5, pruned: 5 });

    const bridged = await log.prune({
      olderThan: cutoff,
      receipts: [await receiptFor(log, server, 6, 7), ...covering],
      serverPublicKeyPem: server.publicKeyPem,
    });
    expect(bridged).toMatchObject({ coveredUpTo: 30, eligibleUpTo: 9, pruned: 4 });
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('exports and verifies a bundle that starts at the prune anchor', async () => {
    const server = createServerKeys();
    const { log, clock } = await createTestLog(30);
    await log.prune({
      olderThan: LATER,
      receipts: [await receiptFor(log, server, 1, 12)],
      serverPublicKeyPem: server.publicKeyPem,
    });
    const dir = await mkdtemp(join(tmpdir(), 'starring-prune-'));
    try {
      const out = join(dir, 'bundle.zip');
      await exportBundle(log, { out, createdBy: 'auditor', clock });
      const result = await verifyBundle(out, { serverPublicKeyPem: server.publicKeyPem });
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(result.summary.devices[0]).toMatchObject({ anchorSeq: 12, lastSeq: 30, entries: 18 });
      if (result.ok) expect(result.summary.receipts).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prunes whole segment files of the durable store and survives reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-prune-store-'));
    const sealer = createAesGcmSealer(randomBytes(32));
    const server = createServerKeys();
    try {
      const identity = await loadOrCreateDeviceIdentity(dir, sealer);
      const open = async () =>
        createAuditLog({
          store: await openSegmentAuditStore({ dir, sealer, segmentEntries: 10 }),
          identity,
          clock: steppingClock(),
          tenant: 't',
        });
      const log = await open();
      await log.appendMany(Array.from({ length: 45 }, (_, i) => sampleInput(i)));
      const result = await log.prune({
        olderThan: LATER,
        receipts: [await receiptFor(log, server, 1, 25)],
        serverPublicKeyPem: server.publicKeyPem,
      });
      expect(result).toMatchObject({ eligibleUpTo: 25, pruned: 20, anchor: { seq: 20 } });
      expect((await readdir(dir)).filter((f) => f.startsWith('seg-')).sort()).toEqual([
        'seg-000003.log',
        'seg-000004.log',
        'seg-000005.log',
      ]);
      await log.close();
      const reopened = await open();
      expect(reopened.anchor().seq).toBe(20);
      expect(await reopened.verifyChain()).toMatchObject({ ok: true, count: 25 });
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
