/**
 * The sync engine against a real loopback HTTPS server (test/integration/sync-test-server.ts):
 * real TLS under a test tenant CA, mutual TLS, chain verification, signed receipts. Time is
 * injected (timers, random): nothing here sleeps waiting for a backoff.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestLog } from '../../main/core/audit/audit-fixtures.testkit';
import type { AuditLog } from '../../main/core/audit/audit-log';
import { createCertificateRequest, checkIssuedCertificate } from '../../main/core/sync/device-credentials';
import { backoffCeiling } from '../../main/core/sync/backoff';
import { createServerClient, type ServerClient } from '../../main/core/sync/server-client';
import {
  createSyncEngine,
  pendingEntries,
  type SyncEngineOptions,
  type Timers,
} from '../../main/core/sync/sync-engine';
import { MAX_AUDIT_BATCH_ENTRIES, SERVER_ROUTES, type PolicyReply } from '../../common/sync/server-api';
import { createTestCa, startTestSyncServer, type TestSyncServer } from './sync-test-server';

let servers: TestSyncServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
  servers = [];
});

async function server(options: Parameters<typeof startTestSyncServer>[0] = {}): Promise<TestSyncServer> {
  const started = await startTestSyncServer(options);
  servers.push(started);
  return started;
}

/** Enrolls `log`'s device with `srv` and returns the mutual-TLS client and the receipt key. */
async function enrolled(srv: TestSyncServer, log: AuditLog, ca = srv.ca.certificatePem) {
  const csr = createCertificateRequest(log.deviceId);
  const reply = await createServerClient({ serverUrl: srv.url, ca: srv.ca.certificatePem }).enroll({
    tenant: srv.tenant,
    code: srv.issueCode(),
    device: log.deviceId,
    deviceName: 'ward-7-laptop',
    platform: 'linux-x64',
    appVersion: '0.0.0-test',
    csrPem: csr.csrPem,
    auditPublicKeyPem: log.identity.publicKeyPem,
  });
  checkIssuedCertificate(reply.certificatePem, csr.keyPem, log.deviceId);
  const client = createServerClient({
    serverUrl: srv.url,
    ca,
    certificatePem: reply.certificatePem,
    keyPem: csr.keyPem,
    timeoutMs: 5_000,
  });
  return { client, reply };
}

/** Timers that only record: a test fires them by calling syncNow (no sleeping). */
function recordingTimers(): Timers & { delays: number[] } {
  const delays: number[] = [];
  return { delays, set: (_callback, ms) => (delays.push(ms), delays.length), clear: () => undefined };
}

function engineFor(
  log: AuditLog,
  client: ServerClient,
  receiptKey: string,
  extra: Partial<SyncEngineOptions> = {},
) {
  const installed: PolicyReply[] = [];
  const engine = createSyncEngine({
    log,
    client,
    receiptPublicKeyPem: receiptKey,
    installPolicy: async (reply) => void installed.push(reply),
    policyVersion: () => installed.at(-1)?.version ?? 0,
    clock: { now: () => new Date() },
    intervalMs: () => 60 * 60_000,
    timers: recordingTimers(),
    events: false,
    ...extra,
  });
  return { engine, installed };
}

async function localHashes(log: AuditLog): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of log.read(1, log.head().seq)) out.push(...batch.map((entry) => entry.hash));
  return out;
}

describe('sync engine against a loopback HTTPS server', () => {
  it('pushes the whole log in batches of at most 500, each ending on a checkpoint, and keeps every receipt', async () => {
    const srv = await server();
    const { log } = await createTestLog(1_234);
    const { client, reply } = await enrolled(srv, log);
    const { engine } = engineFor(log, client, reply.receiptPublicKeyPem);
    expect(pendingEntries(log)).toBe(1_234);

    const snapshot = await engine.syncNow();
    expect(snapshot).toMatchObject({ online: true, phase: 'idle', pending: 0, lastError: null });
    expect(srv.entriesOf(log.deviceId).map((entry) => entry.hash)).toEqual(await localHashes(log));
    const batches = srv.seen.filter((request) => request.path === SERVER_ROUTES.auditBatches);
    expect(batches.length).toBe(3);
    for (const batch of batches) {
      const body = JSON.parse(batch.body) as { entries: unknown[] };
      expect(body.entries.length).toBeLessThanOrEqual(MAX_AUDIT_BATCH_ENTRIES);
    }
    expect(log.receipts().at(-1)?.receipt.to).toBe(1_234);
    // The log's own chain still verifies with the sync checkpoints in it, and retention can rely on
    // the receipts: everything old enough and covered may now be pruned.
    expect((await log.verifyChain()).ok).toBe(true);
    const pruned = await log.prune({
      olderThan: '2100-01-01T00:00:00.000Z',
      receipts: log.receipts().map((stored) => stored.receipt),
      serverPublicKeyPem: reply.receiptPublicKeyPem,
    });
    expect(pruned).toMatchObject({ coveredUpTo: 1_234, rejectedReceipts: 0 });

    // New entries later: only those travel.
    await log.append({ actor: 'alice', action: 'document.read', outcome: 'allow' });
    expect(pendingEntries(log)).toBe(1);
    await engine.syncNow();
    const last = JSON.parse(srv.seen.filter((r) => r.path === SERVER_ROUTES.auditBatches).at(-1)!.body) as {
      entries: { seq: number }[];
    };
    expect(last.entries.map((entry) => entry.seq)).toEqual([1_235]);
    expect(pendingEntries(log)).toBe(0);
  });

  it('pushes an old backlog whose checkpoints lie more than a batch apart', async () => {
    const srv = await server();
    // Interval checkpoints at 1000 and 2000, a lock checkpoint at the head: windows 1…500 and
    // 1001…1500 have none, and the device cannot add one behind its latest.
    const { log } = await createTestLog(2_500);
    await log.checkpoint('lock');
    expect(log.checkpoints().map((stored) => stored.checkpoint.seq)).toEqual([1_000, 2_000, 2_500]);
    const { client, reply } = await enrolled(srv, log);
    const snapshot = await engineFor(log, client, reply.receiptPublicKeyPem).engine.syncNow();
    expect(snapshot).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    const ends = srv.seen
      .filter((request) => request.path === SERVER_ROUTES.auditBatches)
      .map((request) => (JSON.parse(request.body) as { entries: { seq: number }[] }).entries.at(-1)!.seq);
    expect(ends).toEqual([500, 1_000, 1_500, 2_000, 2_500]);
    expect(srv.entriesOf(log.deviceId).map((entry) => entry.hash)).toEqual(await localHashes(log));
    // The device's own checkpoint chain is untouched by the detached ones.
    expect(log.checkpoints().length).toBe(3);
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('resumes after the server vanishes mid-batch: nothing lost, nothing duplicated', async () => {
    const srv = await server();
    const { log } = await createTestLog(1_100);
    const { client, reply } = await enrolled(srv, log);
    const { engine } = engineFor(log, client, reply.receiptPublicKeyPem);

    // The second batch is stored, then every socket is cut before the answer.
    srv.faults.vanishAfterStore = 0;
    let cut = false;
    const wrapped: ServerClient = {
      ...client,
      async postBatch(batch) {
        if (!cut && batch.entries[0]!.seq > 1) {
          cut = true;
          srv.faults.vanishAfterStore = 1;
        }
        return client.postBatch(batch);
      },
    };
    const flaky = engineFor(log, wrapped, reply.receiptPublicKeyPem).engine;
    const failed = await flaky.syncNow();
    expect(failed.phase).toBe('error');
    expect(failed.lastError?.reason).toBe('unreachable');
    expect(srv.entriesOf(log.deviceId).length).toBe(1_000);
    expect(failed.pending).toBe(600);

    // The server, restarted, answers again; the next attempt asks for its head and sends the rest.
    await srv.stop();
    expect((await engine.syncNow()).online).toBe(false);
    await srv.start();
    const resumed = await engine.syncNow();
    expect(resumed).toMatchObject({ online: true, phase: 'idle', pending: 0 });
    const stored = srv.entriesOf(log.deviceId);
    expect(stored.map((entry) => entry.seq)).toEqual(Array.from({ length: 1_100 }, (_, i) => i + 1));
    expect(stored.map((entry) => entry.hash)).toEqual(await localHashes(log));
  });

  it('resends from expectedSeq when the server answers AUDIT_GAP', async () => {
    const srv = await server();
    const { log } = await createTestLog(700);
    const { client, reply } = await enrolled(srv, log);
    // A head that claims more than the server holds (a stale replica, say): the batch then starts too late.
    const [entry] = await (async () => {
      for await (const batch of log.read(300, 300)) return batch;
      return [];
    })();
    let lied = false;
    const lying: ServerClient = {
      ...client,
      async auditHead() {
        if (lied) return client.auditHead();
        lied = true;
        return { seq: 300, hash: entry!.hash, receipt: null };
      },
    };
    const { engine } = engineFor(log, lying, reply.receiptPublicKeyPem);
    expect(await engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(srv.entriesOf(log.deviceId).length).toBe(700);
    const firstBatch = JSON.parse(srv.seen.find((r) => r.path === SERVER_ROUTES.auditBatches)!.body) as {
      entries: { seq: number }[];
    };
    expect(firstBatch.entries[0]!.seq).toBe(301);
  });

  it('refuses a server whose certificate is not under the pinned CA', async () => {
    const srv = await server();
    const { log } = await createTestLog(5);
    const otherCa = createTestCa('Someone Else CA');
    const { client, reply } = await enrolled(srv, log, otherCa.certificatePem);
    const { engine } = engineFor(log, client, reply.receiptPublicKeyPem);
    const snapshot = await engine.syncNow();
    expect(snapshot).toMatchObject({ online: false, phase: 'error', pending: 5 });
    expect(snapshot.lastError?.reason).toBe('wrong-ca');
    expect(snapshot.lastError?.message).toMatch(/not from your organisation's CA/);
    expect(srv.seen.filter((r) => r.path !== SERVER_ROUTES.enroll)).toEqual([]);
  });

  it('names the schema error when the server replies garbage', async () => {
    const srv = await server();
    const { log } = await createTestLog(5);
    const { client, reply } = await enrolled(srv, log);
    srv.faults.garbage = true;
    const snapshot = await engineFor(log, client, reply.receiptPublicKeyPem).engine.syncNow();
    expect(snapshot.lastError?.reason).toBe('bad-reply');
    expect(snapshot.lastError?.message).toMatch(/does not match the contract: seq:/);
    expect(snapshot.pending).toBe(5);
  });

  it('backs off exponentially with full jitter on 5xx, capped, and resets after a success', async () => {
    const srv = await server();
    const { log } = await createTestLog(3);
    const { client, reply } = await enrolled(srv, log);
    const timers = recordingTimers();
    const randoms = [0.5, 0.9, 0.25, 0.99, 0.75, 0.999999, 0.5, 0.1];
    let i = 0;
    const backoff = { baseMs: 1_000, capMs: 16_000 };
    const { engine } = engineFor(log, client, reply.receiptPublicKeyPem, {
      timers,
      random: () => randoms[i++]!,
      backoff,
    });
    srv.faults.serverErrors = 7;
    // Started, the engine schedules each next attempt; syncNow stands in for the timer firing.
    engine.start();
    for (let n = 1; n < 7; n += 1) {
      const snapshot = await engine.syncNow();
      expect(snapshot.lastError?.reason).toBe('server-error');
      expect(snapshot.failures).toBe(n + 1);
    }
    const expected = randoms.slice(0, 7).map((r, n) => Math.floor(r * backoffCeiling(n + 1, backoff)));
    expect(timers.delays).toEqual(expected);
    expect(expected).toEqual([500, 1_800, 1_000, 7_920, 12_000, 15_999, 8_000]);
    // Every wait stays below its ceiling, and the ceiling stops at the cap.
    expect(backoffCeiling(30, backoff)).toBe(16_000);

    const ok = await engine.syncNow();
    expect(ok).toMatchObject({ phase: 'idle', failures: 0, pending: 0 });
    expect(timers.delays.at(-1)).toBe(60 * 60_000);
  });

  it('pulls policy with If-None-Match and installs only a newer bundle; an SSE event pulls at once', async () => {
    const srv = await server();
    const { log } = await createTestLog(2);
    const { client, reply } = await enrolled(srv, log);
    const bundle = (version: number): PolicyReply => ({
      version,
      bundle: { bundle: { version }, sig: `${'A'.repeat(86)}==`, keyId: '0123456789abcdef' },
    });
    srv.publish(bundle(1));
    const { engine, installed } = engineFor(log, client, reply.receiptPublicKeyPem, { events: true });
    engine.start();
    await engine.syncNow();
    expect(installed.map((r) => r.version)).toEqual([1]);
    await engine.syncNow();
    await engine.syncNow();
    const pulls = srv.seen.filter((r) => r.path === SERVER_ROUTES.policy);
    expect(pulls.length).toBe(4);
    expect(installed.length).toBe(1);

    // Connected: a publish reaches the device through the event stream, without waiting for the interval.
    await expect.poll(() => srv.seen.some((r) => r.path === SERVER_ROUTES.policyEvents)).toBe(true);
    srv.publish(bundle(2));
    await expect.poll(() => installed.map((r) => r.version)).toEqual([1, 2]);
    await engine.stop();
  });

  it('does not loop when the event stream ends at once (a server without events)', async () => {
    const srv = await server();
    const { log } = await createTestLog(1);
    const { client, reply } = await enrolled(srv, log);
    let healthChecks = 0;
    const noEvents: ServerClient = {
      ...client,
      health: () => ((healthChecks += 1), client.health()),
      policyEvents: async () => undefined,
    };
    const { engine } = engineFor(log, noEvents, reply.receiptPublicKeyPem, { events: true });
    engine.start();
    await engine.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(healthChecks).toBe(2);
    await engine.stop();
  });
});
