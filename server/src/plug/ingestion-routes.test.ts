/**
 * The ingestion plugin over real HTTP on loopback with a real (in-memory PGlite) database: device
 * audit and policy routes per common/sync/server-api.ts, admin query/export/alerts, webhooks to a
 * loopback receiver that verifies Standard Webhooks signatures, SIEM stream and syslog forwarding.
 * One database for the file: opening PGlite is the slow part.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receipt } from '../../../common/audit/checkpoint.schema';
import {
  AuditBatchReply,
  AuditHeadReply,
  PolicyReply,
  ServerErrorReply,
  SERVER_ROUTES,
  type AuditBatchRequest,
} from '../../../common/sync/server-api';
import { verifyReceipt } from '../../../main/core/audit/audit-signature';
import { verifyBundle } from '../../../main/core/audit/bundle-verify';
import { openSignedBundle } from '../../../main/core/policy/bundle-verifier';
import { trustedKeyFromPem } from '../../../main/core/policy/bundle-signature';
import { createSimulatedDevice, type SimulatedDevice } from '../audit/device-chain.testkit';
import { verifyWebhook } from '../webhooks/standard-webhooks';
import { startHarness, type Harness } from './ingestion-harness.testkit';

const TENANT = 'st-mary';
let h: Harness;
let laptop: SimulatedDevice;
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
let receiver: Server;
let receiverUrl = '';
let failNext = 0;

const device = (d: SimulatedDevice, tenant = TENANT) => ({
  'x-test-device': `${tenant}/${d.identity.deviceId}`,
});
const admin = (tenant = TENANT) => ({ 'x-test-admin': tenant });

async function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
const sendBatch = (d: SimulatedDevice, batch: AuditBatchRequest) =>
  post(SERVER_ROUTES.auditBatches, batch, device(d));

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  h = await startHarness({
    tenants: [TENANT, 'st-john'],
    webhooks: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 },
  });
  laptop = createSimulatedDevice(TENANT);
  laptop.append(1_200, Date.now() - 3_600_000);
  await h.enroll(TENANT, laptop.identity.deviceId, laptop.identity.publicKeyPem);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await new Promise((r) => receiver?.close(r));
});

describe('audit ingestion routes', () => {
  let secret = '';

  it('subscribes a webhook for every event', async () => {
    const res = await post(
      `/v1/admin/tenants/${TENANT}/webhooks`,
      {
        url: receiverUrl,
        events: ['audit.ingested', 'audit.chain_broken', 'policy.published', 'device.enrolled'],
      },
      admin(),
    );
    expect(res.status).toBe(201);
    secret = ((await res.json()) as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_/);
  });

  it('answers an empty head, then accepts batches with signed receipts', async () => {
    const head = AuditHeadReply.parse(
      await (await fetch(`${h.url}${SERVER_ROUTES.auditHead}`, { headers: device(laptop) })).json(),
    );
    expect(head).toEqual({ seq: 0, hash: '0'.repeat(64), receipt: null });
    const res = await sendBatch(laptop, laptop.batch(1, 500));
    expect(res.status).toBe(200);
    const reply = AuditBatchReply.parse(await res.json());
    expect(reply.accepted).toBe(500);
    expect(reply.receipt).toMatchObject({
      device: laptop.identity.deviceId,
      from: 1,
      to: 500,
      head: laptop.entries[499]!.hash,
    });
    expect(verifyReceipt(reply.receipt, h.keys.get(TENANT)!.receiptPublicKeyPem)).toBe(true);
    expect(
      AuditBatchReply.parse(await (await sendBatch(laptop, laptop.batch(501, 1000))).json()).accepted,
    ).toBe(500);
  });

  it('accepts a replayed batch once (accepted 0, same head)', async () => {
    const reply = AuditBatchReply.parse(await (await sendBatch(laptop, laptop.batch(1, 500))).json());
    expect(reply.accepted).toBe(0);
    expect(reply.receipt.to).toBe(1000);
    const count = await h.db.withTenant(TENANT, (q) =>
      q.query<{ n: number }>('select count(*)::int as n from audit_entries'),
    );
    expect(count.rows[0]?.n).toBe(1000);
  });

  it('refuses a gap with 409, expectedSeq, an alert and an audit.chain_broken webhook', async () => {
    const res = await sendBatch(laptop, laptop.batch(1101, 1200));
    expect(res.status).toBe(409);
    const body = ServerErrorReply.parse(await res.json());
    expect(body.error).toMatchObject({ code: 'AUDIT_GAP', expectedSeq: 1001 });
    const alerts = (await (
      await fetch(`${h.url}/v1/admin/tenants/${TENANT}/audit/alerts`, { headers: admin() })
    ).json()) as { alerts: Array<{ kind: string; code: string; expectedSeq: number }> };
    expect(alerts.alerts[0]).toMatchObject({ kind: 'gap', code: 'AUDIT_GAP', expectedSeq: 1001 });
    await until(() => received.some((r) => r.body.includes('"audit.chain_broken"')));
  });

  it('refuses a forged entry with 422 naming its seq', async () => {
    const batch = laptop.batch(1001, 1100);
    batch.entries[9] = { ...batch.entries[9]!, outcome: 'allow', actor: 'mallory@evil.example' };
    const res = await sendBatch(laptop, batch);
    expect(res.status).toBe(422);
    expect(ServerErrorReply.parse(await res.json()).error).toMatchObject({
      code: 'AUDIT_HASH_MISMATCH',
      seq: 1010,
    });
  });

  it('reports the head with the last receipt', async () => {
    await sendBatch(laptop, laptop.batch(1001, 1200));
    const head = AuditHeadReply.parse(
      await (await fetch(`${h.url}${SERVER_ROUTES.auditHead}`, { headers: device(laptop) })).json(),
    );
    expect(head.seq).toBe(1200);
    expect(Receipt.safeParse(head.receipt).success && head.receipt?.to).toBe(1200);
  });

  it('delivers signed webhooks the receiver can verify', async () => {
    await until(() => received.some((r) => r.body.includes('"audit.ingested"')));
    for (const message of received)
      expect(verifyWebhook(secret, message.headers as Record<string, string>, message.body)).toBe(true);
    const tampered = received[0]!;
    expect(verifyWebhook(secret, tampered.headers as Record<string, string>, `${tampered.body} `)).toBe(
      false,
    );
  });

  it('refuses an oversized body with 413 in the error shape', async () => {
    const res = await fetch(`${h.url}${SERVER_ROUTES.auditBatches}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...device(laptop) },
      body: `{"entries":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`,
    });
    expect(res.status).toBe(413);
    expect(ServerErrorReply.safeParse(await res.json()).success).toBe(true);
  });

  it('queries across devices with paging and never shows another tenant', async () => {
    const other = createSimulatedDevice(TENANT);
    other.append(50, Date.now() - 1_800_000);
    await h.enroll(TENANT, other.identity.deviceId, other.identity.publicKeyPem);
    expect((await sendBatch(other, other.batch(1, 50))).status).toBe(200);
    const url = `${h.url}/v1/admin/tenants/${TENANT}/audit/entries?action=vault.unlock&limit=100`;
    const first = (await (await fetch(url, { headers: admin() })).json()) as {
      entries: Array<{ action: string; device: string }>;
      nextCursor: string | null;
    };
    expect(first.entries).toHaveLength(100);
    expect(first.entries.every((e) => e.action === 'vault.unlock')).toBe(true);
    let total = first.entries.length;
    const devices = new Set(first.entries.map((e) => e.device));
    for (let cursor = first.nextCursor; cursor;) {
      const page = (await (
        await fetch(`${url}&cursor=${cursor}`, { headers: admin() })
      ).json()) as typeof first;
      total += page.entries.length;
      page.entries.forEach((e) => devices.add(e.device));
      cursor = page.nextCursor;
    }
    expect(total).toBe(1200 / 5 + 50 / 5);
    expect(devices.size).toBe(2);
    const foreign = await fetch(`${h.url}/v1/admin/tenants/st-john/audit/entries`, {
      headers: admin('st-john'),
    });
    expect(((await foreign.json()) as { entries: unknown[] }).entries).toEqual([]);
    const crossing = await fetch(`${h.url}/v1/admin/tenants/${TENANT}/audit/entries`, {
      headers: admin('st-john'),
    });
    expect(crossing.status).toBe(403);
  });

  it('exports a server-side bundle over several devices that the desktop verifier accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'server-bundle-'));
    try {
      for (const filter of [{}, { actions: ['document.export'] }]) {
        const res = await post(`/v1/admin/tenants/${TENANT}/audit/export`, { filter }, admin());
        expect(res.status).toBe(200);
        const path = join(dir, 'bundle.zip');
        await writeFile(path, Buffer.from(await res.arrayBuffer()));
        const verdict = await verifyBundle(path, {
          serverPublicKeyPem: h.keys.get(TENANT)!.receiptPublicKeyPem,
        });
        expect(verdict.ok ? '' : JSON.stringify(verdict.failure)).toBe('');
        if (verdict.ok) {
          expect(verdict.summary.devices).toHaveLength(2);
          expect(verdict.summary.receipts).toBeGreaterThan(0);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('streams SIEM JSON lines and forwards RFC 5424 syslog over TCP', async () => {
    const res = await fetch(
      `${h.url}/v1/admin/tenants/${TENANT}/audit/siem?format=jsonl&device=${laptop.identity.deviceId}`,
      { headers: admin() },
    );
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(1200);
    expect(JSON.parse(lines[0]!)).toMatchObject({ facility: 13, seq: 1, device: laptop.identity.deviceId });

    let data = '';
    const sink = createTcpServer((socket) => socket.on('data', (c: Buffer) => (data += c.toString('utf8'))));
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const port = (sink.address() as { port: number }).port;
    try {
      const fwd = await post(
        `/v1/admin/tenants/${TENANT}/siem/forward`,
        { host: '127.0.0.1', port, query: { action: 'document.export' } },
        admin(),
      );
      expect(await fwd.json()).toEqual({ sent: 250 });
      await until(() => (data.match(/<\d+>1 /g) ?? []).length === 250);
      const frame = /^(\d+) (<\d+>1 [^\n]*?)(?=\d+ <\d+>1 |$)/.exec(data);
      expect(frame && Buffer.byteLength(frame[2]!, 'utf8')).toBe(Number(frame?.[1]));
    } finally {
      await new Promise((r) => sink.close(r));
    }
  });
});

describe('load shedding', () => {
  it('answers 503 SERVER_BUSY with Retry-After beyond the in-flight limit, and accepts the resend', async () => {
    const fleet = Array.from({ length: 12 }, () => createSimulatedDevice(TENANT));
    for (const d of fleet) {
      d.append(500, Date.now() - 600_000);
      await h.enroll(TENANT, d.identity.deviceId, d.identity.publicKeyPem);
    }
    const first = await Promise.all(fleet.map((d) => sendBatch(d, d.batch(1, 500))));
    const busy = first.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ServerErrorReply.parse(await busy[0]!.json()).error.code).toBe('SERVER_BUSY');
    for (const [i, d] of fleet.entries()) {
      let res = first[i]!;
      while (res.status === 503) res = await sendBatch(d, d.batch(1, 500));
      expect(res.status).toBe(200);
    }
  });
});

describe('policy routes', () => {
  const draft = {
    policies: 'permit(principal, action, resource);',
    settings: {
      modelAllowlist: [],
      exportFormats: { public: ['pdf'] },
      idleLockMinutes: 10,
      retentionDays: 365,
      auditSyncIntervalMinutes: 15,
      deidentifyBeforeOnPrem: true,
    },
  };

  it('answers 204 before anything is published', async () => {
    const res = await fetch(`${h.url}${SERVER_ROUTES.policy}`, { headers: device(laptop) });
    expect(res.status).toBe(204);
  });

  it('publishes signed, versioned bundles with ETag/304 and notifies SSE listeners', async () => {
    const controller = new AbortController();
    const events = await fetch(`${h.url}${SERVER_ROUTES.policyEvents}`, {
      headers: device(laptop),
      signal: controller.signal,
    });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    let stream = '';
    const readUntil = async (needle: string) => {
      while (!stream.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        stream += new TextDecoder().decode(value);
      }
    };
    await readUntil('no policy published yet');

    const pub = await post(`/v1/admin/tenants/${TENANT}/policy`, draft, admin());
    expect(pub.status).toBe(201);
    expect(await pub.json()).toMatchObject({ version: 1 });
    await readUntil('data: {"version":1}');
    expect((await post(`/v1/admin/tenants/${TENANT}/policy`, draft, admin())).status).toBe(201);
    await readUntil('data: {"version":2}');
    controller.abort();

    const res = await fetch(`${h.url}${SERVER_ROUTES.policy}`, { headers: device(laptop) });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    const text = await res.text();
    const reply = PolicyReply.parse(JSON.parse(text));
    expect(reply.version).toBe(2);
    const opened = openSignedBundle(JSON.stringify(reply.bundle), [
      trustedKeyFromPem(h.keys.get(TENANT)!.policyPublicKeyPem),
    ]);
    expect(opened.ok && opened.value.bundle).toMatchObject({ tenant: TENANT, version: 2 });
    const again = await fetch(`${h.url}${SERVER_ROUTES.policy}`, {
      headers: { ...device(laptop), 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
    const other = await fetch(`${h.url}${SERVER_ROUTES.policy}`, { headers: device(laptop, 'st-john') });
    expect(other.status).toBe(204);
    await until(() => received.some((r) => r.body.includes('"policy.published"')));
  });

  it('refuses an invalid bundle and a foreign tenant name', async () => {
    const bad = await post(
      `/v1/admin/tenants/${TENANT}/policy`,
      { ...draft, settings: { ...draft.settings, idleLockMinutes: 0 } },
      admin(),
    );
    expect(bad.status).toBe(400);
    const foreign = await post(
      `/v1/admin/tenants/${TENANT}/policy`,
      { ...draft, tenant: 'st-john' },
      admin(),
    );
    expect(foreign.status).toBe(400);
  });
});

describe('webhook retries', () => {
  it('retries with backoff, then dead-letters after the last attempt', async () => {
    const failing = await post(
      `/v1/admin/tenants/${TENANT}/webhooks`,
      { url: 'http://127.0.0.1:9/unreachable', events: ['policy.published'] },
      admin(),
    );
    expect(failing.status).toBe(201);
    failNext = 1; // the good receiver fails once, then succeeds on retry
    const before = received.length;
    await post(
      `/v1/admin/tenants/${TENANT}/policy`,
      {
        policies: '',
        settings: {
          modelAllowlist: [],
          exportFormats: {},
          idleLockMinutes: 5,
          retentionDays: 30,
          auditSyncIntervalMinutes: 5,
          deidentifyBeforeOnPrem: true,
        },
      },
      admin(),
    );
    await until(async () => {
      const dead = (await (
        await fetch(`${h.url}/v1/admin/tenants/${TENANT}/webhooks/dead-letters`, { headers: admin() })
      ).json()) as { deliveries: Array<{ attempts: number }> };
      return dead.deliveries.length === 1 && dead.deliveries[0]!.attempts === 3;
    });
    const retried = () => received.slice(before).filter((r) => r.body.includes('"version":3'));
    await until(() => retried().length === 2);
    expect(retried()[0]!.headers['webhook-id']).toBe(retried()[1]!.headers['webhook-id']);
  });
});
