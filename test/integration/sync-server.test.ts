/**
 * The desktop's sync against the teammates' real enterprise server (server/src/app.ts, in-memory
 * PGlite): an admin creates a tenant and a one-time code, the core enrolls over HTTPS pinned to
 * the server's CA (managed ServerCaCertificate), pushes its audit log over mutual TLS, gets signed
 * receipts, and receives a policy the admin publishes. The fault tests run against the loopback
 * server in sync-test-server.ts, where faults can be switched on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/contract';
import { createCore, type Core } from '../../main/core/core';
import type { CallContext } from '../../main/core/router/call-context';
import { startServer, type RunningServer } from '../../server/src/app';

const ctx: CallContext = { transport: 'test', actor: 'it.admin@hospital.example', origin: 'w' };
const TENANT = 'st-mary';
let server: RunningServer;
let adminToken: string;
let dir: string;
let serverDir: string;
let core: Core;

async function admin(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const res = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'starring-sync-server-'));
  server = await startServer({ port: 0, dataDir: serverDir });
  const tenant = await admin('POST', '/v1/admin/tenants', server.bootstrapToken!, {
    id: TENANT,
    name: "St Mary's",
  });
  expect(tenant.status).toBe(201);
  adminToken = tenant.body.adminToken as string;
  dir = await mkdtemp(join(tmpdir(), 'starring-sync-real-'));
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
    managedSource: {
      read: async () => [
        {
          scope: 'machine',
          source: 'test',
          entries: { ServerUrl: server.url, TenantId: TENANT, ServerCaCertificate: server.tls.caCertPem },
        },
      ],
    },
  });
  await core.vault.create({ passphrase: 'quiet-otter-lantern-47-harbor', useOsKeystore: false });
});

afterAll(async () => {
  await core?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(serverDir, { recursive: true, force: true });
});

describe('sync against the enterprise server in server/', () => {
  it('enrolls, pushes the audit log with receipts, and installs a published policy', async () => {
    const wrong = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: server.url,
      tenant: TENANT,
      code: 'not-a-real-code',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { details: { reason: 'refused', serverCode: 'ENROLL_CODE_INVALID' } },
    });
    const code = await admin('POST', `/v1/admin/tenants/${TENANT}/enrollment-codes`, adminToken, {});
    expect(code.status).toBe(201);
    const enrolled = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: server.url,
      tenant: TENANT,
      code: code.body.code as string,
    });
    expect(enrolled).toMatchObject({ ok: true, value: { state: 'enrolled', tenant: TENANT } });

    const published = await admin('POST', `/v1/admin/tenants/${TENANT}/policy`, adminToken, {
      policies: 'permit (principal, action, resource);',
      settings: {
        modelAllowlist: [],
        exportFormats: {},
        idleLockMinutes: 15,
        retentionDays: 365,
        auditSyncIntervalMinutes: 5,
        deidentifyBeforeOnPrem: true,
      },
    });
    expect(published.status).toBe(201);

    const synced = await core.router.invoke(ctx, 'sync.now', {});
    expect(synced).toMatchObject({
      ok: true,
      value: { online: true, phase: 'idle', pending: 0, lastError: null },
    });
    const status = (synced.ok ? synced.value : null) as SyncStatus;
    expect(status.lastSyncAt).not.toBeNull();
    expect(await core.router.invoke(ctx, 'policy.current', {})).toMatchObject({
      ok: true,
      value: { source: 'bundle', tenant: TENANT, version: published.body.version },
    });

    // More acts, another sync: only the new ones travel, and the server's head follows.
    await core.router.invoke(ctx, 'settings.setLocale', { locale: 'en' });
    const again = await core.router.invoke(ctx, 'sync.now', {});
    expect(again).toMatchObject({ ok: true, value: { pending: 0, lastError: null } });
  });

  it('goes offline when the server stops, and resumes where it left off once it is back', async () => {
    await core.router.invoke(ctx, 'settings.setLocale', { locale: 'zh-CN' });
    const port = server.port;
    await server.close();
    const offline = await core.router.invoke(ctx, 'sync.now', {});
    expect(offline).toMatchObject({
      ok: true,
      value: { online: false, phase: 'error', lastError: { reason: 'unreachable' } },
    });
    if (offline.ok) expect((offline.value as SyncStatus).pending).toBeGreaterThan(0);

    server = await startServer({ port, dataDir: serverDir });
    const back = await core.router.invoke(ctx, 'sync.now', {});
    expect(back).toMatchObject({
      ok: true,
      value: { online: true, phase: 'idle', pending: 0, lastError: null },
    });
  });
});
