import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common/audit/entry.schema';
import { Receipt } from '../../../common/audit/checkpoint.schema';
import { AuditBatchRequest, MAX_CLOCK_SKEW_MS } from '../../../common/sync/server-api';
import { entryHash } from '../../../main/core/audit/audit-hash';
import { verifyReceipt } from '../../../main/core/audit/audit-signature';
import { verifyAuditBatch, type BatchVerifyInput, type ChainHead } from './batch-verifier';
import { createSimulatedDevice } from './device-chain.testkit';
import { createReceiptSigner } from './receipt-signer';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const DAY = 24 * 3_600_000;

function setup(count = 20) {
  const device = createSimulatedDevice();
  device.append(count, NOW.getTime() - 3_600_000);
  const input = (
    batch: AuditBatchRequest,
    head: ChainHead = { seq: 0, hash: '0'.repeat(64) },
  ): BatchVerifyInput => ({
    device: device.identity.deviceId,
    devicePublicKey: device.identity.publicKeyPem,
    head,
    storedHashes: new Map(device.entries.filter((e) => e.seq <= head.seq).map((e) => [e.seq, e.hash])),
    now: NOW,
    batch,
  });
  return { device, input };
}

/** Re-hashes an entry after a change, so only the chain link (not the hash) tells the lie. */
function rehash(entry: AuditEntry, change: Partial<AuditEntry>): AuditEntry {
  const { hash: _hash, ...rest } = { ...entry, ...change };
  return { ...rest, hash: entryHash(rest) };
}

describe('verifyAuditBatch', () => {
  it('accepts a first batch and moves the head to its last entry', () => {
    const { device, input } = setup();
    const verdict = verifyAuditBatch(input(device.batch(1, 10)));
    expect(verdict.ok && verdict.fresh.length).toBe(10);
    expect(verdict.ok && verdict.newHead).toEqual({ seq: 10, hash: device.entries[9]?.hash });
  });

  it('refuses a gap and names the seq it expects', () => {
    const { device, input } = setup();
    const verdict = verifyAuditBatch(input(device.batch(6, 10), { seq: 3, hash: device.entries[2]!.hash }));
    expect(verdict).toMatchObject({ ok: false, refusal: { code: 'AUDIT_GAP', expectedSeq: 4, seq: 6 } });
  });

  it('accepts a replayed batch once: nothing fresh, head unchanged', () => {
    const { device, input } = setup();
    const batch = device.batch(1, 10);
    const head = { seq: 10, hash: device.entries[9]!.hash };
    const verdict = verifyAuditBatch(input(batch, head));
    expect(verdict).toMatchObject({ ok: true, fresh: [], newHead: head });
  });

  it('skips an overlapping accepted prefix and keeps the rest', () => {
    const { device, input } = setup();
    const verdict = verifyAuditBatch(input(device.batch(3, 12), { seq: 8, hash: device.entries[7]!.hash }));
    expect(verdict.ok && verdict.fresh.map((e) => e.seq)).toEqual([9, 10, 11, 12]);
  });

  it('refuses a replay whose accepted part was rewritten (hash valid, history different)', () => {
    const { device, input } = setup();
    const batch = device.batch(1, 10);
    const head = { seq: 10, hash: device.entries[9]!.hash };
    const forged = input(batch, head);
    forged.storedHashes = new Map(
      [...forged.storedHashes].map(([seq, hash]) => [seq, seq === 4 ? 'f'.repeat(64) : hash]),
    );
    expect(verifyAuditBatch(forged)).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_CHAIN_BROKEN', seq: 4 },
    });
  });

  it('refuses a forged entry (altered after hashing) naming its seq', () => {
    const { device, input } = setup();
    const batch = device.batch(1, 10);
    batch.entries[4] = { ...batch.entries[4]!, actor: 'mallory@evil.example' };
    expect(verifyAuditBatch(input(batch))).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_HASH_MISMATCH', seq: 5 },
    });
  });

  it('refuses a re-hashed forgery by its broken link', () => {
    const { device, input } = setup();
    const batch = device.batch(1, 10);
    batch.entries[4] = rehash(batch.entries[4]!, { actor: 'mallory@evil.example' });
    expect(verifyAuditBatch(input(batch))).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_CHAIN_BROKEN', seq: 6 },
    });
  });

  it('refuses a batch that does not link to the head', () => {
    const { device, input } = setup();
    const other = createSimulatedDevice('st-mary', device.identity);
    other.append(20, NOW.getTime() - 60_000);
    const verdict = verifyAuditBatch(input(other.batch(6, 10), { seq: 5, hash: device.entries[4]!.hash }));
    expect(verdict).toMatchObject({ ok: false, refusal: { code: 'AUDIT_CHAIN_BROKEN', seq: 6 } });
  });

  it('refuses a batch from the future', () => {
    const device = createSimulatedDevice();
    device.append(5, NOW.getTime() + MAX_CLOCK_SKEW_MS + 60_000);
    const verdict = verifyAuditBatch({
      device: device.identity.deviceId,
      devicePublicKey: device.identity.publicKeyPem,
      head: { seq: 0, hash: '0'.repeat(64) },
      storedHashes: new Map(),
      now: NOW,
      batch: device.batch(1, 5),
    });
    expect(verdict).toMatchObject({ ok: false, refusal: { code: 'AUDIT_FROM_FUTURE', seq: 1 } });
  });

  it.each([
    ['a day ahead', DAY],
    ['a day behind', -DAY],
  ])('accepts a device clock %s', (_label, skew) => {
    const device = createSimulatedDevice();
    device.append(5, NOW.getTime() + skew);
    const verdict = verifyAuditBatch({
      device: device.identity.deviceId,
      devicePublicKey: device.identity.publicKeyPem,
      head: { seq: 0, hash: '0'.repeat(64) },
      storedHashes: new Map(),
      now: NOW,
      batch: device.batch(1, 5),
    });
    expect(verdict.ok).toBe(true);
  });

  it('refuses entries of another device', () => {
    const { device, input } = setup();
    const stranger = createSimulatedDevice();
    stranger.append(5, NOW.getTime() - 60_000);
    const batch = stranger.batch(1, 5);
    expect(verifyAuditBatch(input(batch))).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_WRONG_DEVICE', seq: 1 },
    });
    expect(device.identity.deviceId).not.toBe(stranger.identity.deviceId);
  });

  it('refuses a checkpoint signed by another key', () => {
    const { device, input } = setup();
    const batch = device.batch(1, 5);
    const intruder = createSimulatedDevice('st-mary');
    intruder.append(5);
    const resigned = { ...batch.checkpoints[0]!, sig: intruder.batch(1, 5).checkpoints[0]!.sig };
    expect(verifyAuditBatch(input({ ...batch, checkpoints: [resigned] }))).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_BAD_CHECKPOINT', seq: 5 },
    });
  });

  it('refuses a batch whose last entry no checkpoint covers', () => {
    const { device, input } = setup();
    const early = device.batch(1, 5);
    const batch = { entries: device.batch(1, 8).entries, checkpoints: early.checkpoints };
    expect(verifyAuditBatch(input(batch))).toMatchObject({
      ok: false,
      refusal: { code: 'AUDIT_NO_CHECKPOINT', seq: 8 },
    });
  });

  it('batches of the simulated device pass the wire schema', () => {
    const { device } = setup();
    expect(AuditBatchRequest.safeParse(device.batch(1, 20)).success).toBe(true);
  });
});

describe('createReceiptSigner', () => {
  it('signs receipts the device verifies and the schema accepts', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = createReceiptSigner(privateKey);
    const receipt = signer.sign({
      device: 'a'.repeat(32),
      from: 1,
      to: 10,
      head: 'b'.repeat(64),
      receivedAt: NOW,
    });
    expect(Receipt.safeParse(receipt).success).toBe(true);
    expect(verifyReceipt(receipt, signer.publicKeyPem)).toBe(true);
    expect(verifyReceipt({ ...receipt, to: 11 }, signer.publicKeyPem)).toBe(false);
  });
});
