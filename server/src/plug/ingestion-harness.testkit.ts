/**
 * A plain-HTTP server with the ingestion plugin mounted exactly as app.ts mounts it, but with
 * header-based stand-ins for mTLS and admin authentication, so route tests and the benchmark need no
 * certificates. Headers: `x-test-device: <tenant>/<device>` and `x-test-admin: <tenant>`.
 */
import type { X509Certificate } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import Fastify, { type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import { MAX_DEVICE_BODY_BYTES } from '../../../common/sync/server-api';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open-database';
import { createServerEvents } from '../events';
import { HttpError, installErrorHandling } from '../http/errors';
import { createOpenApiRegistry } from '../http/openapi';
import { createSealer } from '../keys/sealed';
import type { TenantKeys, TenantKeyStore } from '../tenants/tenant-keys';
import type { WebhookOptions } from '../webhooks/webhook-dispatcher';
import { closeSyncServices, syncServices } from './context';
import { ingestionPlugin } from './ingestion-plugin';

export interface Harness {
  app: FastifyInstance;
  ctx: ServerContext;
  db: Database;
  url: string;
  keys: Map<string, TenantKeys>;
  /** Registers a device (as enrollment would) so its batches are accepted. */
  enroll(tenant: string, device: string, auditPublicKeyPem: string): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  tenants?: string[];
  pgliteDir?: string;
  databaseUrl?: string;
  now?: () => Date;
  webhooks?: WebhookOptions;
  maxBatchesInFlight?: number;
  /** Reuse an open database (fault tests reopen one themselves). */
  db?: Database;
  logger?: boolean;
}

function fakeTenantKeys(tenant: string): TenantKeys {
  const receipt = generateKeyPairSync('ed25519');
  const policy = generateKeyPairSync('ed25519');
  return {
    tenant,
    // The CA is the foundation's business; these routes never touch it.
    ca: { certPem: '', keyPem: '' },
    caCert: undefined as unknown as X509Certificate,
    receiptPrivateKey: receipt.privateKey,
    receiptPublicKeyPem: receipt.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    policyPrivateKey: policy.privateKey,
    policyPublicKeyPem: policy.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const tenants = options.tenants ?? ['st-mary'];
  const db =
    options.db ?? (await openDatabase({ pgliteDir: options.pgliteDir, databaseUrl: options.databaseUrl }));
  for (const tenant of tenants) {
    await db.withoutTenant((q) =>
      q.query(`insert into tenants (id, name, ca_cert_pem) values ($1, $1, 'none') on conflict do nothing`, [
        tenant,
      ]),
    );
  }
  const keys = new Map(tenants.map((t) => [t, fakeTenantKeys(t)]));
  const tenantKeys: TenantKeyStore = { load: async (tenant) => keys.get(tenant) ?? null };
  const deviceAuth: preHandlerAsyncHookHandler = async (request) => {
    const header = request.headers['x-test-device'];
    const [tenant, device] = typeof header === 'string' ? header.split('/') : [];
    if (!tenant || !device) throw new HttpError(401, 'DEVICE_CERT_REQUIRED', 'no client certificate');
    request.device = { tenant, device, certSerial: 'test' };
  };
  const adminAuth: preHandlerAsyncHookHandler = async (request) => {
    const tenant = request.headers['x-test-admin'];
    if (typeof tenant !== 'string') throw new HttpError(401, 'ADMIN_UNAUTHENTICATED', 'no admin token');
    request.admin = { kind: 'tenant-admin', tenant, subject: `admin@${tenant}`, via: 'token' };
  };
  const ctx: ServerContext = {
    db,
    sealer: createSealer(Buffer.alloc(32, 7)),
    tenantKeys,
    events: createServerEvents(),
    openapi: createOpenApiRegistry(),
    deviceAuth,
    adminAuth,
    reloadTls: async () => undefined,
    serverCaPem: '',
    version: 'test',
    now: options.now ?? (() => new Date()),
  };
  syncServices(ctx, {
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.maxBatchesInFlight ? { maxBatchesInFlight: options.maxBatchesInFlight } : {}),
  });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_DEVICE_BODY_BYTES,
    forceCloseConnections: true,
  });
  app.decorateRequest('device', null);
  app.decorateRequest('admin', null);
  installErrorHandling(app);
  await app.register(async (scope) => {
    scope.addHook('preHandler', ctx.deviceAuth);
    await ingestionPlugin.device?.(scope, ctx);
  });
  await app.register(
    async (scope) => {
      scope.addHook('preHandler', ctx.adminAuth);
      await ingestionPlugin.admin?.(scope, ctx);
    },
    { prefix: '/v1/admin' },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    ctx,
    db,
    url,
    keys,
    async enroll(tenant, device, auditPublicKeyPem) {
      await db.withTenant(tenant, (q) =>
        q.query(
          `insert into devices (tenant_id, id, name, platform, app_version, cert_serial, cert_pem, audit_public_key_pem)
           values ($1, $2, 'test laptop', 'linux', '0.1.0', $2, 'none', $3) on conflict do nothing`,
          [tenant, device, auditPublicKeyPem],
        ),
      );
    },
    async close() {
      await closeSyncServices(ctx);
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
