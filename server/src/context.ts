/**
 * What every route module gets: the database, the tenant keys, the two authentication hooks and the
 * server's event bus. Route modules are ServerPlugins; see app.ts for how they are mounted.
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Database } from './db/database';
import type { OpenApiRegistry } from './http/openapi';
import type { Sealer } from './keys/sealed';
import type { TenantKeyStore } from './tenants/tenant-keys';
import type { ServerEvents } from './events';

/** Who called a device route: taken from the verified client certificate, never from the body. */
export interface DeviceIdentity {
  tenant: string;
  device: string;
  certSerial: string;
}

/** Who called an admin route. An operator may act on every tenant; a tenant admin on its own. */
export type AdminIdentity =
  | { kind: 'operator'; subject: string }
  | { kind: 'tenant-admin'; tenant: string; subject: string; via: 'token' | 'oidc' };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by ctx.deviceAuth; null on routes without it. */
    device: DeviceIdentity | null;
    /** Set by ctx.adminAuth; null on routes without it. */
    admin: AdminIdentity | null;
  }
}

export interface ServerContext {
  db: Database;
  sealer: Sealer;
  tenantKeys: TenantKeyStore;
  events: ServerEvents;
  openapi: OpenApiRegistry;
  /** mTLS: requires a client certificate of the tenant's CA, a known and unrevoked device. */
  deviceAuth: preHandlerAsyncHookHandler;
  /** Bearer admin token (operator or tenant) or an OIDC admin session. */
  adminAuth: preHandlerAsyncHookHandler;
  /** Rebuilds the TLS trust list (all tenant CAs); called when a tenant is created. */
  reloadTls(): Promise<void>;
  /** What devices pin for the server's TLS certificate (the installation CA, or the operator's). */
  serverCaPem: string;
  version: string;
  now(): Date;
}

/**
 * A route module. Each hook gets its own encapsulated Fastify scope:
 * - `public`: no authentication (GET /health, POST /v1/enroll);
 * - `device`: ctx.deviceAuth already runs first, so `requireDevice(request)` is the caller;
 * - `admin`: prefixed `/v1/admin`, ctx.adminAuth already runs first; use
 *   `adminTenant(request, tenant)` to check the caller may act on a tenant.
 */
export interface ServerPlugin {
  name: string;
  public?(scope: FastifyInstance, ctx: ServerContext): void | Promise<void>;
  device?(scope: FastifyInstance, ctx: ServerContext): void | Promise<void>;
  admin?(scope: FastifyInstance, ctx: ServerContext): void | Promise<void>;
}

/** The authenticated device of a device route (throws if the route was mounted without deviceAuth). */
export function requireDevice(request: FastifyRequest): DeviceIdentity {
  if (!request.device) throw new Error('requireDevice on a route without ctx.deviceAuth');
  return request.device;
}
