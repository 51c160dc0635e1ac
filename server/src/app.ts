/**
 * The enterprise server (ARCHITECTURE.md §6): `buildServer` makes the Fastify instance, `startServer`
 * also listens. Route modules plug in as ServerPlugins (context.ts) — list yours in plugins.ts:
 *
 *   export const auditPlugin: ServerPlugin = {
 *     name: 'audit',
 *     device(scope, ctx) {            // mTLS already checked: requireDevice(request) is the caller
 *       scope.post(SERVER_ROUTES.auditBatches, async (request) => {
 *         const { tenant, device } = requireDevice(request);
 *         return ctx.db.withTenant(tenant, (q) => …);   // RLS: only this tenant's rows
 *       });
 *     },
 *     admin(scope, ctx) { … },        // under /v1/admin, admin already authenticated
 *   };
 *
 * One HTTPS listener serves everything. It asks every client for a certificate but does not require
 * one at the TLS layer (enrollment and admin calls have none); ctx.deviceAuth decides per route.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import { MAX_DEVICE_BODY_BYTES } from '../../common/sync/server-api';
import { appVersion } from '../../main/core/app/app-version';
import { createAdminAuth } from './admin/admin-auth';
import { adminPlugin } from './admin/admin.routes';
import { oidcPlugin, type OidcOptions } from './admin/oidc';
import { bootstrapOperatorToken } from './admin/operator';
import { defaultHostnames, ensureServerTls, type ServerTls } from './ca/server-tls';
import type { ServerContext, ServerPlugin } from './context';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { createDeviceAuth } from './devices/device-auth';
import { enrollPlugin } from './devices/enroll.route';
import { createServerEvents } from './events';
import { installErrorHandling } from './http/errors';
import { healthPlugin } from './http/health.route';
import { createOpenApiRegistry } from './http/openapi';
import { loadMasterKey, MASTER_KEY_FILE } from './keys/master-key';
import { createSealer, type Sealer } from './keys/sealed';
import { extensionPlugins } from './plugins';
import { allTenantCaPems } from './tenants/tenant-keys-list';
import { createTenantKeyStore } from './tenants/tenant-keys';

export type { ServerContext, ServerPlugin } from './context';
export { requireDevice } from './context';
export { adminTenant } from './admin/admin-auth';
export { HttpError, parseWith } from './http/errors';

export interface ServerOptions {
  /** The data folder: `pgdata/` (PGlite) and `server-master.key`. Absent: in memory (tests). */
  dataDir?: string;
  /** PostgreSQL instead of PGlite (DATABASE_URL). */
  databaseUrl?: string;
  /** Overrides the master key file / STARRING_SERVER_MASTER_KEY (tests). */
  masterKey?: Buffer;
  env?: NodeJS.ProcessEnv;
  /** Operator-provided TLS identity (`--tls-cert/--tls-key`, optional `--tls-ca` for clients to pin). */
  tls?: ServerTls;
  /** Names in the generated server certificate (default: localhost, 127.0.0.1, ::1, this host). */
  hostnames?: string[];
  /** Route modules beyond the foundation's; default: plugins.ts's extensionPlugins. */
  plugins?: ServerPlugin[];
  logger?: boolean;
  now?: () => Date;
  /** How often the TLS trust list is rebuilt from the tenants table (default 60 s). */
  tlsRefreshMs?: number;
  /** OIDC admin sign-in (external URL for redirect_uri; http issuers for tests). */
  oidc?: OidcOptions;
}

export interface BuiltServer {
  app: FastifyInstance;
  ctx: ServerContext;
  /** The server's TLS trust anchor (what devices pin). */
  tls: ServerTls;
  /** Set on the very first start only: the operator token, to be shown once. */
  bootstrapToken: string | null;
  close(): Promise<void>;
}

async function openMasterKey(options: ServerOptions): Promise<Buffer> {
  if (options.masterKey) return options.masterKey;
  const env = options.env ?? process.env;
  if (!options.dataDir && !env.STARRING_SERVER_MASTER_KEY) return randomBytes(32); // in memory: nothing to keep
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return loadMasterKey(join(options.dataDir ?? '.', MASTER_KEY_FILE), env.STARRING_SERVER_MASTER_KEY);
}

/** The database (migrated) and the master-key sealer: what the server and the CLI's admin helpers share. */
export async function openServerStore(
  options: Pick<ServerOptions, 'dataDir' | 'databaseUrl' | 'masterKey' | 'env'>,
): Promise<{ db: Database; sealer: Sealer }> {
  const masterKey = await openMasterKey(options);
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    pgliteDir: options.databaseUrl || !options.dataDir ? undefined : join(options.dataDir, 'pgdata'),
  });
  return { db, sealer: createSealer(masterKey) };
}

/** Opens the database (migrating it), loads keys and TLS, and mounts every route. Does not listen. */
export async function buildServer(options: ServerOptions = {}): Promise<BuiltServer> {
  const { db, sealer } = await openServerStore(options);
  try {
    const tls = options.tls ?? (await ensureServerTls(db, sealer, options.hostnames ?? defaultHostnames()));
    const secureContext = async () => ({
      key: tls.keyPem,
      cert: tls.certPem,
      ca: [tls.caCertPem, ...(await allTenantCaPems(db))],
    });
    const initial = await secureContext();
    let currentCa = initial.ca.join('\n');
    const https = Fastify({
      logger: options.logger ?? false,
      bodyLimit: MAX_DEVICE_BODY_BYTES,
      https: { ...initial, requestCert: true, rejectUnauthorized: false },
    });
    // One cast, here: plugins see the ordinary FastifyInstance; requests are IncomingMessage either way.
    const app = https as unknown as FastifyInstance;
    app.decorateRequest('device', null);
    app.decorateRequest('admin', null);
    installErrorHandling(app);

    const tenantKeys = createTenantKeyStore(db, sealer);
    const ctx: ServerContext = {
      db,
      sealer,
      tenantKeys,
      events: createServerEvents(),
      openapi: createOpenApiRegistry(),
      deviceAuth: createDeviceAuth(db, tenantKeys),
      adminAuth: createAdminAuth(db),
      async reloadTls() {
        const next = await secureContext();
        if (next.ca.join('\n') === currentCa) return;
        currentCa = next.ca.join('\n');
        (https.server as HttpsServer).setSecureContext(next);
      },
      serverCaPem: tls.caCertPem,
      version: appVersion,
      now: options.now ?? (() => new Date()),
    };
    // Another instance (or the CLI on PostgreSQL) may add a tenant: pick up new CAs within a minute.
    // (Tenants created through this instance's API reload at once.)
    const refresh = setInterval(
      () => void ctx.reloadTls().catch((error: unknown) => app.log.error(error)),
      options.tlsRefreshMs ?? 60_000,
    );
    refresh.unref();
    app.addHook('onClose', async () => clearInterval(refresh));

    const plugins = [
      healthPlugin,
      enrollPlugin,
      adminPlugin,
      oidcPlugin(options.oidc),
      ...(options.plugins ?? extensionPlugins),
    ];
    for (const plugin of plugins) {
      if (plugin.public) await app.register(async (scope) => plugin.public!(scope, ctx));
      if (plugin.device) {
        await app.register(async (scope) => {
          scope.addHook('preHandler', ctx.deviceAuth);
          await plugin.device!(scope, ctx);
        });
      }
      if (plugin.admin) {
        await app.register(
          async (scope) => {
            scope.addHook('preHandler', ctx.adminAuth);
            await plugin.admin!(scope, ctx);
          },
          { prefix: '/v1/admin' },
        );
      }
    }
    app.get('/openapi.json', async () => ctx.openapi.document(appVersion));

    const bootstrapToken = await bootstrapOperatorToken(db);
    return {
      app,
      ctx,
      tls,
      bootstrapToken,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export interface RunningServer extends BuiltServer {
  port: number;
  url: string;
}

/** buildServer, then listen on host:port (port 0 picks a free one). */
export async function startServer(
  options: ServerOptions & { host?: string; port?: number },
): Promise<RunningServer> {
  const built = await buildServer(options);
  try {
    const host = options.host ?? '127.0.0.1';
    await built.app.listen({ host, port: options.port ?? 8443 });
    const address = built.app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 8443);
    const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    return { ...built, port, url: `https://${urlHost}:${port}` };
  } catch (error) {
    await built.close();
    throw error;
  }
}
