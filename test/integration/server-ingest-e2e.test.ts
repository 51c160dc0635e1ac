/**
 * End to end through the foundation's real server: HTTPS, a tenant made with the operator token,
 * a device enrolled with a one-time code and a CSR, then audit batches and a policy pull over mutual
 * TLS. The receipt and the bundle verify with the keys the enrollment reply handed the device, and
 * the enrollment raised a signed `device.enrolled` webhook.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditBatchReply, EnrollReply, PolicyReply, SERVER_ROUTES } from '../../common/sync/server-api';
import { verifyReceipt } from '../../main/core/audit/audit-signature';
import { createEphemeralIdentity } from '../../main/core/audit/device-identity';
import { trustedKeyFromPem } from '../../main/core/policy/bundle-signature';
import { openSignedBundle } from '../../main/core/policy/bundle-verifier';
import { startServer, type RunningServer } from '../../server/src/app';
import { createSimulatedDevice } from '../../server/src/audit/device-chain.testkit';
import { httpsJson, makeDeviceKeys } from '../../server/src/devices/device-client.testkit';
import { verifyWebhook } from '../../server/src/webhooks/standard-webhooks';

let server: RunningServer;
let receiver: Server;
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startServer({ port: 0 });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await new Promise((r) => receiver?.close(r));
}, 60_000);

describe('ingestion through the real server', () => {
  it('enrolls, ingests over mTLS with verifiable receipts, and serves the signed policy', async () => {
    const inject = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await server.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    const tenant = await inject(server.bootstrapToken!, 'POST', '/v1/admin/tenants', {
      id: 'acme',
      name: 'Acme Hospital',
    });
    expect(tenant.status).toBe(201);
    const admin = tenant.body.adminToken as string;
    const port = (receiver.address() as { port: number }).port;
    const hook = await inject(admin, 'POST', '/v1/admin/tenants/acme/webhooks', {
      url: `http://127.0.0.1:${port}/`,
      events: ['device.enrolled', 'audit.ingested'],
    });
    expect(hook.status).toBe(201);
    const code = await inject(admin, 'POST', '/v1/admin/tenants/acme/enrollment-codes', {});

    const identity = createEphemeralIdentity();
    const keys = { ...makeDeviceKeys(identity.deviceId), auditPublicKeyPem: identity.publicKeyPem };
    const enroll = await httpsJson(server.url, {
      method: 'POST',
      path: SERVER_ROUTES.enroll,
      ca: server.tls.caCertPem,
      body: {
        tenant: 'acme',
        code: code.body.code,
        device: identity.deviceId,
        deviceName: 'Ward 7',
        platform: 'linux',
        appVersion: '0.1.0',
        csrPem: keys.csrPem,
        auditPublicKeyPem: keys.auditPublicKeyPem,
      },
    });
    expect(enroll.status).toBe(200);
    const enrolled = EnrollReply.parse(enroll.body);
    const tls = { ca: server.tls.caCertPem, key: keys.keyPem, cert: enrolled.certificatePem };

    const laptop = createSimulatedDevice('acme', identity);
    laptop.append(600, Date.now() - 3_600_000);
    const batch = await httpsJson(server.url, {
      method: 'POST',
      path: SERVER_ROUTES.auditBatches,
      body: laptop.batch(1, 500),
      ...tls,
    });
    expect(batch.status).toBe(200);
    const reply = AuditBatchReply.parse(batch.body);
    expect(reply.accepted).toBe(500);
    expect(verifyReceipt(reply.receipt, enrolled.receiptPublicKeyPem)).toBe(true);
    const noCert = await httpsJson(server.url, {
      method: 'POST',
      path: SERVER_ROUTES.auditBatches,
      body: laptop.batch(501, 600),
      ca: server.tls.caCertPem,
    });
    expect(noCert.status).toBe(401);

    expect((await httpsJson(server.url, { path: SERVER_ROUTES.policy, ...tls })).status).toBe(204);
    const published = await inject(admin, 'POST', '/v1/admin/tenants/acme/policy', {
      policies: 'permit(principal, action, resource);',
      settings: {
        modelAllowlist: [],
        exportFormats: {},
        idleLockMinutes: 10,
        retentionDays: 365,
        auditSyncIntervalMinutes: 15,
        deidentifyBeforeOnPrem: true,
      },
    });
    expect(published.status).toBe(201);
    const pulled = await httpsJson(server.url, { path: SERVER_ROUTES.policy, ...tls });
    expect(pulled.status).toBe(200);
    const policy = PolicyReply.parse(pulled.body);
    const opened = openSignedBundle(JSON.stringify(policy.bundle), [
      trustedKeyFromPem(enrolled.policyPublicKeyPem),
    ]);
    expect(opened.ok).toBe(true);

    const secret = hook.body.secret as string;
    for (let i = 0; i < 200 && !received.some((r) => r.body.includes('"audit.ingested"')); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const enrolledEvent = received.find((r) => r.body.includes('"device.enrolled"'));
    expect(enrolledEvent?.body).toContain(identity.deviceId);
    for (const message of received)
      expect(verifyWebhook(secret, message.headers as Record<string, string>, message.body)).toBe(true);
  }, 120_000);
});
