import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../main/core/audit/audit-log';
import { createTestLog, sampleInput, steppingClock } from '../../main/core/audit/audit-fixtures.testkit';
import { verifySignedObject } from '../../main/core/audit/audit-signature';
import { checkpointDigest } from '../../main/core/audit/audit-hash';
import type { AuditStore } from '../../main/core/audit/audit-store';
import { createEphemeralIdentity } from '../../main/core/audit/device-identity';
import { createMemoryAuditStore } from '../../main/core/audit/memory-audit.store';
import { createAllowListAuthorizer } from '../../main/core/router/authorizer';
import type { ChannelHandlers, StreamHandlers } from '../../main/core/router/handlers';
import { createRouter } from '../../main/core/router/router';
import { ZERO_HASH } from '../../common/audit/entry.schema';

const context = { transport: 'test' as const, actor: 'alice@hospital.example', origin: 'window-1' };

describe('audit log as the router AuditSink', () => {
  it('records allowed audited calls and denials with outcome, reason, policy id and policy version', async () => {
    let policyVersion = 0;
    const { log } = await createTestLog(0, { policyVersion: () => policyVersion });
    const router = createRouter({
      channels: {
        'settings.setLocale': (request: { locale: 'en' | 'zh-CN' }) => request,
      } as unknown as ChannelHandlers,
      streams: {} as StreamHandlers,
      authorizer: createAllowListAuthorizer('foundation', ['settings.setLocale']),
      audit: log,
    });
    expect((await router.invoke(context, 'settings.setLocale', { locale: 'zh-CN' })).ok).toBe(true);
    policyVersion = 7;
    const denied = await router.invoke(context, 'documents.list', {});
    expect(denied.ok).toBe(false);

    const [allowed, refused] = await log.tail(2);
    expect(allowed).toMatchObject({
      seq: 1,
      actor: 'alice@hospital.example',
      action: 'settings.setLocale',
      resource: { type: 'channel', id: 'settings.setLocale' },
      outcome: 'allow',
      policyVersion: 0,
      details: { policyId: 'foundation' },
    });
    expect(refused).toMatchObject({ seq: 2, action: 'documents.list', outcome: 'deny', policyVersion: 7 });
    expect(String(refused?.details.reason)).toContain('not on the foundation allow-list');

    expect(log.store).toBe('memory');
    const recent = await log.recent(10);
    expect(recent.map((event) => [event.seq, event.outcome])).toEqual([
      [2, 'deny'],
      [1, 'allow'],
    ]);
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('offers no way to edit or delete an entry', async () => {
    const { log } = await createTestLog(1);
    const methods = Object.keys(log).join(' ');
    expect(methods).not.toMatch(/update|delete|remove|edit|set[A-Z]|replace|truncate/);
  });
});

describe('audit log appends and checkpoints', () => {
  it('group-commits concurrent appends in call order with contiguous seqs', async () => {
    const { log } = await createTestLog();
    const appended = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(sampleInput(i))));
    expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(appended.map((e) => e.actor)).toEqual(Array.from({ length: 200 }, (_, i) => sampleInput(i).actor));
    expect(log.head()).toEqual({ seq: 200, hash: appended[199]?.hash });
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('checkpoints every N entries, chained by prevCheckpoint and signed by the device key', async () => {
    const { log, identity } = await createTestLog(0, { checkpointEvery: 10 });
    for (let i = 0; i < 35; i += 1) await log.append(sampleInput(i));
    await log.appendMany(Array.from({ length: 30 }, (_, i) => sampleInput(i)));
    const stored = log.checkpoints();
    expect(stored.map((s) => [s.checkpoint.seq, s.reason])).toEqual([
      [10, 'interval'],
      [20, 'interval'],
      [30, 'interval'],
      [40, 'interval'],
      [50, 'interval'],
      [60, 'interval'],
    ]);
    const lock = await log.checkpoint('lock');
    expect(lock).toMatchObject({ v: 1, device: identity.deviceId, seq: 65, head: log.head().hash });
    const all = log.checkpoints().map((s) => s.checkpoint);
    expect(all[0]?.prevCheckpoint).toBe(ZERO_HASH);
    for (let i = 1; i < all.length; i += 1)
      expect(all[i]?.prevCheckpoint).toBe(checkpointDigest(all[i - 1] as never));
    for (const checkpoint of all) {
      expect(Object.keys(checkpoint).sort()).toEqual([
        'device',
        'head',
        'prevCheckpoint',
        'seq',
        'sig',
        'ts',
        'v',
      ]);
      expect(verifySignedObject(checkpoint, identity.publicKeyPem)).toBe(true);
    }
    const entries = await log.tail(100);
    expect(all[2]?.head).toBe(entries[29]?.hash);
  });

  it('makes timer checkpoints only while entries arrive, until stopped', async () => {
    const { log } = await createTestLog(3);
    log.startCheckpointTimer(15);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      log
        .checkpoints()
        .filter((s) => s.reason === 'timer')
        .map((s) => s.checkpoint.seq),
    ).toEqual([3]);
    await log.append(sampleInput(4));
    await new Promise((resolve) => setTimeout(resolve, 200));
    log.stopCheckpointTimer();
    const timed = log.checkpoints().filter((s) => s.reason === 'timer').length;
    expect(timed).toBe(2);
    await log.append(sampleInput(5));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(log.checkpoints().filter((s) => s.reason === 'timer').length).toBe(timed);
  });

  it('refuses a failed write without a gap: later appends continue the durable chain', async () => {
    const inner = createMemoryAuditStore();
    let failNext = false;
    const store: AuditStore = {
      ...inner,
      async append(entries) {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        }
        return inner.append(entries);
      },
    };
    const log = await createAuditLog({
      store,
      identity: createEphemeralIdentity(),
      clock: steppingClock(),
      tenant: 't',
    });
    await log.append(sampleInput(1));
    failNext = true;
    const results = await Promise.allSettled([log.append(sampleInput(2)), log.append(sampleInput(3))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = await log.append(sampleInput(4));
    expect(next.seq).toBe(2);
    expect((await log.verifyChain()).ok).toBe(true);
  });
});

describe('audit log reading', () => {
  it('tails and pages through filtered results in both directions without gaps or repeats', async () => {
    const { log } = await createTestLog(300);
    expect((await log.tail(3)).map((e) => e.seq)).toEqual([298, 299, 300]);

    const denials = (await log.tail(300)).filter((e) => e.outcome === 'deny').map((e) => e.seq);
    const seenAsc: number[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page = await log.query({ outcome: 'deny', order: 'asc', afterSeq: cursor, limit: 7 });
      seenAsc.push(...page.entries.map((e) => e.seq));
      cursor = page.next;
    }
    expect(seenAsc).toEqual(denials);

    const seenDesc: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await log.query({ outcome: 'deny', limit: 5, ...(before ? { beforeSeq: before } : {}) });
      seenDesc.push(...page.entries.map((e) => e.seq));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seenDesc).toEqual([...denials].reverse());

    const bob = await log.query({ actor: 'bob@hospital.example', action: 'document.update', limit: 1000 });
    expect(
      bob.entries.every((e) => e.actor === 'bob@hospital.example' && e.action === 'document.update'),
    ).toBe(true);
    expect(bob.entries.length).toBeGreaterThan(0);

    const all = await log.tail(300);
    const from = all[100]?.ts as string;
    const to = all[110]?.ts as string;
    const ranged = await log.query({ from, to, order: 'asc', limit: 100 });
    expect(ranged.entries.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 101 + i));
  });
});

describe('audit log self-verification', () => {
  it('names the seq of an altered, removed or reordered entry', async () => {
    const altered = await createTestLog(20);
    (altered.store.raw.entries[6] as { actor: string }).actor = 'mallory';
    expect((await altered.log.verifyChain()).failure).toMatchObject({
      seq: 7,
      message: expect.stringMatching(/altered/),
    });

    const removed = await createTestLog(20);
    removed.store.raw.entries.splice(9, 1);
    expect((await removed.log.verifyChain()).failure).toMatchObject({
      seq: 11,
      message: expect.stringMatching(/missing/),
    });

    const swapped = await createTestLog(20);
    const [a, b] = [swapped.store.raw.entries[3], swapped.store.raw.entries[4]];
    swapped.store.raw.entries.splice(3, 2, b as never, a as never);
    expect((await swapped.log.verifyChain()).failure?.seq).toBe(5);
  });

  it('detects entries cut from the end behind a checkpoint, and forged checkpoints', async () => {
    const truncated = await createTestLog(20);
    await truncated.log.checkpoint('lock');
    truncated.store.raw.entries.splice(15);
    const report = await truncated.log.verifyChain();
    expect(report.ok).toBe(false);
    expect(report.failure?.message).toMatch(/removed from the end/);

    const forged = await createTestLog(20);
    await forged.log.checkpoint('lock');
    const stored = forged.store.raw.checkpoints[0] as { checkpoint: { seq: number } };
    stored.checkpoint.seq = 19;
    expect((await forged.log.verifyChain()).failure?.message).toMatch(/signature/);
  });
});
