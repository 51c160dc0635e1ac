import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollReply, HealthReply, ServerErrorReply } from '../../../common/sync/server-api';
import { type RunningServer, requireDevice, type ServerPlugin, startServer } from '../app';
import { issueDeviceCertificate, verifyCsr } from '../ca/x509';
import { testDatabaseTargets } from '../db/test-databases.testkit';
import { httpsJson, makeDeviceKeys, selfSigned } from './device-client.testkit';

/** A device route mounted through the plug point, as the ingestion routes are. */
const whoami: ServerPlugin = {
  name: 'whoami',
  device(scope) {
    scope.get('/v1/device/whoami', async (request) => requireDevice(request));
  },
};

const DEVICE = '0123456789abcdef0123456789abcdef';
const OTHER_DEVICE = 'fedcba9876543210fedcba9876543210';

const errorCode = (body: unknown) => ServerErrorReply.parse(body).error.code;

describe.each(testDatabaseTargets)('enrollment and mutual TLS on $kind', (target) => {
  let server: RunningServer;
  let drop: () => Promise<void>;
  let operator: string;
  let acmeAdmin: string;
  let globexAdmin: string;
  const keys = makeDeviceKeys(DEVICE);
  let enrolled: EnrollReply;

  async function admin(token: string, method: 'GET' | 'POST', url: string, payload?: object) {
    const res = await server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }

  async function newCode(token: string, tenant: string): Promise<string> {
    const res = await admin(token, 'POST', `/v1/admin/tenants/${tenant}/enrollment-codes`, {});
    expect(res.status).toBe(201);
    return res.body.code as string;
  }

  const enrollBody = (code: string, device = DEVICE, k = keys) => ({
    tenant: 'acme',
    code,
    device,
    deviceName: 'Ward 7 laptop',
    platform: 'win32',
    appVersion: '0.1.0',
    csrPem: k.csrPem,
    auditPublicKeyPem: k.auditPublicKeyPem,
  });

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    server = await startServer({ port: 0, databaseUrl: created.databaseUrl, plugins: [whoami] });
    operator = server.bootstrapToken!;
    expect(operator).toMatch(/^sro_/);
    const acme = await admin(operator, 'POST', '/v1/admin/tenants', { id: 'acme', name: 'Acme Hospital' });
    expect(acme.status).toBe(201);
    acmeAdmin = acme.body.adminToken as string;
    const globex = await admin(operator, 'POST', '/v1/admin/tenants', {
      id: 'globex',
      name: 'Globex Clinic',
    });
    globexAdmin = globex.body.adminToken as string;
  });

  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('GET /health answers HealthReply over TLS pinned to the server CA', async () => {
    const res = await httpsJson(server.url, { path: '/health', ca: server.tls.caCertPem });
    expect(res.status).toBe(200);
    expect(HealthReply.parse(res.body).database).toBe(target.kind);
  });

  it('enrolls with a one-time code and refuses its reuse', async () => {
    const code = await newCode(acmeAdmin, 'acme');
    const res = await httpsJson(server.url, {
      method: 'POST',
      path: '/v1/enroll',
      ca: server.tls.caCertPem,
      body: enrollBody(code),
    });
    expect(res.status).toBe(200);
    enrolled = EnrollReply.parse(res.body);
    expect(enrolled.caCertificatePem).toBe(server.tls.caCertPem);
    const again = await httpsJson(server.url, {
      method: 'POST',
      path: '/v1/enroll',
      ca: server.tls.caCertPem,
      body: enrollBody(code),
    });
    expect(again.status).toBe(401);
    expect(errorCode(again.body)).toBe('ENROLL_CODE_INVALID');
  });

  it('refuses a CSR whose CN is not the device id, without burning the code', async () => {
    const code = await newCode(acmeAdmin, 'acme');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: enrollBody(code, OTHER_DEVICE),
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad.json())).toBe('ENROLL_CSR_CN_MISMATCH');
    const wrongTenant = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: { ...enrollBody(code), tenant: 'nosuch' },
    });
    expect(errorCode(wrongTenant.json())).toBe('ENROLL_CODE_INVALID');
    const other = makeDeviceKeys(OTHER_DEVICE);
    const ok = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: enrollBody(code, OTHER_DEVICE, other),
    });
    expect(ok.statusCode).toBe(200);
  });

  it('one code enrolls exactly one device under concurrent attempts; an expired code is refused', async () => {
    const code = await newCode(acmeAdmin, 'acme');
    const [a, b] = [makeDeviceKeys('aa'.repeat(16)), makeDeviceKeys('bb'.repeat(16))];
    const results = await Promise.all([
      server.app.inject({ method: 'POST', url: '/v1/enroll', payload: enrollBody(code, 'aa'.repeat(16), a) }),
      server.app.inject({ method: 'POST', url: '/v1/enroll', payload: enrollBody(code, 'bb'.repeat(16), b) }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);

    const expired = await newCode(acmeAdmin, 'acme');
    await server.ctx.db.withTenant('acme', (q) =>
      q.query(`update enrollment_codes set expires_at = now() - interval '1 minute' where used_at is null`),
    );
    const late = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: enrollBody(expired, 'aa'.repeat(16), a),
    });
    expect([late.statusCode, errorCode(late.json())]).toEqual([401, 'ENROLL_CODE_INVALID']);

    const huge = await server.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...enrollBody(expired), deviceName: 'x'.repeat(200_000) }),
    });
    expect([huge.statusCode, errorCode(huge.json())]).toEqual([413, 'BODY_TOO_LARGE']);
  });

  it('a device call with the issued certificate succeeds; identity comes from the certificate', async () => {
    const res = await httpsJson(server.url, {
      path: '/v1/device/whoami',
      ca: server.tls.caCertPem,
      key: keys.keyPem,
      cert: enrolled.certificatePem,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenant: 'acme', device: DEVICE });
  });

  it('refuses no certificate, a self-signed one with the right CN, and one from another tenant', async () => {
    const none = await httpsJson(server.url, { path: '/v1/device/whoami', ca: server.tls.caCertPem });
    expect([none.status, errorCode(none.body)]).toEqual([401, 'DEVICE_CERT_REQUIRED']);

    const forged = selfSigned(keys.keyPem, [
      { name: 'commonName', value: DEVICE },
      { name: 'organizationName', value: 'acme' },
    ]);
    const self = await httpsJson(server.url, {
      path: '/v1/device/whoami',
      ca: server.tls.caCertPem,
      key: keys.keyPem,
      cert: forged,
    });
    expect([self.status, errorCode(self.body)]).toEqual([401, 'DEVICE_CERT_UNTRUSTED']);

    // Globex's CA signs a certificate claiming to be acme's device: it chains to a trusted CA, but not acme's.
    const globexKeys = (await server.ctx.tenantKeys.load('globex'))!;
    const crossCert = issueDeviceCertificate(globexKeys.ca, verifyCsr(keys.csrPem), {
      device: DEVICE,
      tenant: 'acme',
      serialHex: '0abc',
    });
    const cross = await httpsJson(server.url, {
      path: '/v1/device/whoami',
      ca: server.tls.caCertPem,
      key: keys.keyPem,
      cert: crossCert,
    });
    expect([cross.status, errorCode(cross.body)]).toEqual([401, 'DEVICE_CERT_WRONG_TENANT']);
  });

  it('revocation refuses the certificate at once, even on an open connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = () =>
      httpsJson(server.url, {
        path: '/v1/device/whoami',
        ca: server.tls.caCertPem,
        key: keys.keyPem,
        cert: enrolled.certificatePem,
        agent,
      });
    expect((await call()).status).toBe(200);
    const wrongAdmin = await admin(globexAdmin, 'POST', `/v1/admin/tenants/acme/devices/${DEVICE}/revoke`);
    expect([wrongAdmin.status, wrongAdmin.body]).toEqual([
      403,
      { error: { code: 'ADMIN_WRONG_TENANT', message: expect.any(String) } },
    ]);
    const revoked = await admin(acmeAdmin, 'POST', `/v1/admin/tenants/acme/devices/${DEVICE}/revoke`);
    expect(revoked.status).toBe(200);
    const after = await call();
    expect([after.status, errorCode(after.body)]).toEqual([403, 'DEVICE_REVOKED']);
    agent.destroy();
  });

  it('lists devices per tenant with their last activity', async () => {
    const acme = await admin(acmeAdmin, 'GET', '/v1/admin/tenants/acme/devices');
    const devices = acme.body.devices as {
      id: string;
      revokedAt: string | null;
      lastSeenAt: string | null;
    }[];
    expect(devices.map((d) => d.id)).toEqual(expect.arrayContaining([DEVICE, OTHER_DEVICE]));
    expect(devices).toHaveLength(3);
    expect(devices.find((d) => d.id === DEVICE)?.lastSeenAt).not.toBeNull();
    const globex = await admin(globexAdmin, 'GET', '/v1/admin/tenants/globex/devices');
    expect(globex.body.devices).toEqual([]);
  });
});
