/**
 * Sync through the running core: the real router (policy, audit), the vault holding the
 * enrollment, the policy runtime trusting the tenant key from enrollment, the status bar facts —
 * against the loopback HTTPS server. And the rule that matters most: documents never leave.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { demoDocuments } from '../../main/core/demo/demo-documents';
import { seedDemo } from '../../main/core/demo/seed-demo';
import { signPolicyBundle } from '../../main/core/policy/bundle-signature';
import type { CallContext } from '../../main/core/router/call-context';
import type { SyncStatus } from '../../common/contract';
import { SERVER_ROUTES } from '../../common/sync/server-api';
import { createTestCa, startTestSyncServer, type TestSyncServer } from './sync-test-server';

const ctx: CallContext = { transport: 'test', actor: 'nurse.wu@hospital.example', origin: 'w' };
const PASSPHRASE = 'quiet-otter-lantern-47-harbor';
let dir: string;
let core: Core;
let srv: TestSyncServer;

async function startCore(managed: Record<string, unknown>): Promise<void> {
  core = await createCore({
    dataDir: dir,
    transport: 'test',
    version: '0.0.0',
    scrypt: { N: 1024, r: 8, p: 1 },
    managedSource: {
      read: async () => [{ scope: 'machine', source: 'test machine policy', entries: managed }],
    },
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'starring-sync-core-'));
  srv = await startTestSyncServer();
  await startCore({ ServerUrl: srv.url, TenantId: srv.tenant, ServerCaCertificate: srv.ca.certificatePem });
  await core.vault.create({ passphrase: PASSPHRASE, useOsKeystore: false });
});
afterEach(async () => {
  await core.close();
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('sync in the running core', () => {
  it('enrolls with a code, syncs the audit log and policy, and never sends a document', async () => {
    await seedDemo(core.vault.unlocked(), {});
    const before = await core.router.invoke(ctx, 'sync.status', {});
    expect(before).toMatchObject({
      ok: true,
      value: {
        state: 'not-enrolled',
        prefill: { serverUrl: srv.url, tenant: srv.tenant, serverUrlLocked: true, tenantLocked: true },
      },
    });
    expect(core.status.get()).toMatchObject({ network: 'no-server', sync: 'not-configured' });

    // Managed values win over what the form sends.
    const enrolled = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: 'https://elsewhere.example',
      tenant: 'someone-else',
      code: srv.issueCode(),
    });
    expect(enrolled).toMatchObject({
      ok: true,
      value: { state: 'enrolled', serverUrl: srv.url, tenant: srv.tenant },
    });

    const tenantKey = srv.policyPrivateKey;
    const now = Date.now();
    const signed = signPolicyBundle(
      {
        v: 1,
        format: 'starring-policy-bundle',
        tenant: srv.tenant,
        version: 3,
        issuedAt: new Date(now - 60_000).toISOString(),
        expiresAt: new Date(now + 86_400_000).toISOString(),
        policies: 'permit (principal, action, resource);',
        settings: {
          modelAllowlist: [],
          exportFormats: {},
          idleLockMinutes: 15,
          retentionDays: 365,
          auditSyncIntervalMinutes: 5,
          deidentifyBeforeOnPrem: true,
        },
      },
      tenantKey,
    );
    srv.publish({ version: 3, bundle: signed });

    const synced = await core.router.invoke(ctx, 'sync.now', {});
    expect(synced).toMatchObject({ ok: true, value: { online: true, phase: 'idle', lastError: null } });
    if (!synced.ok) throw new Error('sync failed');
    const value = synced.value as SyncStatus;
    expect(value.lastSyncAt).not.toBeNull();
    // The bundle signed with the key that enrollment brought is in force.
    expect(await core.router.invoke(ctx, 'policy.current', {})).toMatchObject({
      ok: true,
      value: { source: 'bundle', version: 3, tenant: srv.tenant },
    });
    expect(core.status.get()).toMatchObject({ network: 'online', sync: 'idle' });

    const device = value.device!;
    const stored = srv.entriesOf(device);
    expect(stored.some((entry) => entry.action === 'sync.enroll')).toBe(true);
    expect(stored.length).toBeGreaterThan(0);

    // Nothing but health, enrollment, audit and policy ever went out; no document text in any body.
    const allowed = new Set<string>(Object.values(SERVER_ROUTES));
    expect(srv.seen.filter((request) => !allowed.has(request.path))).toEqual([]);
    const everything = srv.seen.map((request) => request.body).join('\n');
    for (const doc of demoDocuments) {
      expect(everything).not.toContain(doc.title);
      for (const text of Object.values(doc.sections)) expect(everything).not.toContain(text.slice(0, 40));
    }
    // The one-time code is a credential: it is not in the audit log.
    expect(JSON.stringify(stored)).not.toMatch(/"code"/);
  });

  it('says in words when the code is wrong, and keeps the device unenrolled', async () => {
    const refused = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: srv.url,
      tenant: srv.tenant,
      code: 'not-the-code-1234',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR', details: { reason: 'refused', serverCode: 'ENROLL_CODE_INVALID' } },
    });
    if (!refused.ok) expect(refused.error.message).toMatch(/code is wrong/);
    expect(await core.router.invoke(ctx, 'sync.status', {})).toMatchObject({
      ok: true,
      value: { state: 'not-enrolled' },
    });
  });

  it('keeps the enrollment in the vault across lock, restart and unlock, and shows offline when the server is gone', async () => {
    const code = srv.issueCode();
    expect(
      await core.router.invoke(ctx, 'sync.enroll', { serverUrl: srv.url, tenant: srv.tenant, code }),
    ).toMatchObject({
      ok: true,
    });
    await core.router.invoke(ctx, 'sync.now', {});
    await core.close();
    await startCore({ ServerUrl: srv.url, TenantId: srv.tenant, ServerCaCertificate: srv.ca.certificatePem });
    expect(await core.router.invoke(ctx, 'sync.status', {})).toMatchObject({
      ok: true,
      value: { state: 'locked' },
    });
    await core.vault.unlock({ method: 'passphrase', passphrase: PASSPHRASE });
    const status = await core.router.invoke(ctx, 'sync.now', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'enrolled', online: true, pending: 0 } });

    await srv.stop();
    const offline = await core.router.invoke(ctx, 'sync.now', {});
    expect(offline).toMatchObject({
      ok: true,
      value: { online: false, phase: 'error', lastError: { reason: 'unreachable' } },
    });
    expect(core.status.get()).toMatchObject({ network: 'offline', sync: 'error' });
    await srv.start();

    // On a managed device the built-in policy keeps the enrollment: only IT removes it.
    const unenroll = await core.router.invoke(ctx, 'sync.unenroll', {});
    expect(unenroll).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
  });
});

describe('enrollment failures, in words', () => {
  it('refuses a server whose certificate is not under the managed CA, and one that is not there', async () => {
    const otherCa = createTestCa('Not Our CA');
    await core.close();
    await startCore({ TenantId: srv.tenant, ServerCaCertificate: otherCa.certificatePem });
    await core.vault.unlock({ method: 'passphrase', passphrase: PASSPHRASE });
    const wrongCa = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: srv.url,
      tenant: 'ignored',
      code: srv.issueCode(),
    });
    expect(wrongCa).toMatchObject({
      ok: false,
      error: { code: 'SYNC_INCOMPATIBLE', details: { reason: 'wrong-ca' } },
    });

    const port = srv.port;
    await srv.stop();
    const gone = await core.router.invoke(ctx, 'sync.enroll', {
      serverUrl: `https://127.0.0.1:${port}`,
      tenant: srv.tenant,
      code: 'whatever-code',
    });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR', details: { reason: 'unreachable' } },
    });
    await srv.start();
    expect(await core.router.invoke(ctx, 'sync.status', {})).toMatchObject({
      ok: true,
      value: { state: 'not-enrolled' },
    });
  });
});
