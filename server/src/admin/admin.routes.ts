import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServerContext, ServerPlugin } from '../context';
import { HttpError, parseWith } from '../http/errors';
import type { RouteDoc } from '../http/openapi';
import { createTenant, TenantExistsError } from '../tenants/tenant.service';
import { adminTenant, requireOperator } from './admin-auth';
import * as S from './admin.schemas';
import { issueEnrollmentCode } from './enrollment-codes';
import { newTenantAdminToken, sha256Hex } from './tokens';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

type Handler = (request: FastifyRequest) => Promise<unknown>;

/** Registers one admin route and its OpenAPI entry together, so the document cannot drift. */
function route(
  scope: FastifyInstance,
  ctx: ServerContext,
  doc: Omit<RouteDoc, 'auth'>,
  handler: Handler,
): void {
  ctx.openapi.add({ ...doc, path: `/v1/admin${doc.path}`, auth: 'admin' });
  const replySchema = doc.reply;
  scope.route({
    method: doc.method.toUpperCase() as 'GET' | 'POST',
    url: doc.path,
    bodyLimit: S.ADMIN_BODY_LIMIT,
    handler: async (request, reply) => {
      const value = await handler(request);
      // Replies are parsed too: a column added to a query never leaks out unannounced.
      return reply.status(doc.status ?? 200).send(replySchema ? replySchema.parse(value) : value);
    },
  });
}

const tenantOf = (request: FastifyRequest) =>
  adminTenant(request, parseWith(S.TenantParams, request.params, 'path').tenant);

interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: string[];
  department: string | null;
  created_at: Date | string;
}
interface DeviceRow {
  id: string;
  name: string;
  platform: string;
  app_version: string;
  cert_serial: string;
  enrolled_at: Date | string;
  last_seen_at: Date | string | null;
  last_sync_at: Date | string | null;
  revoked_at: Date | string | null;
}

const toUser = (row: UserRow): z.infer<typeof S.User> => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  department: row.department,
  createdAt: iso(row.created_at)!,
});

const toDevice = (row: DeviceRow): z.infer<typeof S.Device> => ({
  id: row.id,
  name: row.name,
  platform: row.platform,
  appVersion: row.app_version,
  certSerial: row.cert_serial,
  enrolledAt: iso(row.enrolled_at)!,
  lastSeenAt: iso(row.last_seen_at),
  lastSyncAt: iso(row.last_sync_at),
  revokedAt: iso(row.revoked_at),
});

/** The foundation's admin routes: tenants, users, admin tokens, enrollment codes, devices. */
export const adminPlugin: ServerPlugin = {
  name: 'admin',
  admin(scope, ctx) {
    route(
      scope,
      ctx,
      {
        method: 'post',
        path: '/tenants',
        summary: 'Create a tenant (operator only)',
        body: S.CreateTenantRequest,
        reply: S.CreateTenantReply,
        status: 201,
      },
      async (request) => {
        requireOperator(request);
        const body = parseWith(S.CreateTenantRequest, request.body);
        try {
          const { adminToken } = await createTenant(ctx.db, ctx.sealer, body);
          const keys = await ctx.tenantKeys.load(body.id);
          ctx.events.emit('tenant.created', { tenant: body.id });
          await ctx.reloadTls();
          return { id: body.id, name: body.name, caCertificatePem: keys!.ca.certPem, adminToken };
        } catch (error) {
          if (error instanceof TenantExistsError) throw new HttpError(409, 'TENANT_EXISTS', error.message);
          throw error;
        }
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'get',
        path: '/tenants',
        summary: 'List tenants (a tenant admin sees its own)',
        reply: S.TenantList,
      },
      async (request) => {
        const admin = request.admin!;
        const { rows } = await ctx.db.withoutTenant((q) =>
          q.query<{ id: string; name: string; oidc_issuer: string | null; created_at: Date | string }>(
            'select id, name, oidc_issuer, created_at from tenants where $1::text is null or id = $1 order by id',
            [admin.kind === 'operator' ? null : admin.tenant],
          ),
        );
        return {
          tenants: rows.map((row) => ({
            id: row.id,
            name: row.name,
            oidcIssuer: row.oidc_issuer,
            createdAt: iso(row.created_at)!,
          })),
        };
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'post',
        path: '/tenants/:tenant/users',
        summary: 'Create a user with roles',
        body: S.CreateUserRequest,
        reply: S.User,
        status: 201,
      },
      async (request) => {
        const tenant = tenantOf(request);
        const body = parseWith(S.CreateUserRequest, request.body);
        const row = await ctx.db.withTenant(tenant, async (q) => {
          const { rows } = await q.query<UserRow>(
            `insert into users (tenant_id, email, name, roles, department) values ($1, lower($2), $3, $4, $5)
           on conflict (tenant_id, email) do nothing
           returning id, email, name, roles, department, created_at`,
            [tenant, body.email, body.name, body.roles, body.department ?? null],
          );
          return rows[0];
        });
        if (!row) throw new HttpError(409, 'USER_EXISTS', `a user with email ${body.email} already exists`);
        return toUser(row);
      },
    );

    route(
      scope,
      ctx,
      { method: 'get', path: '/tenants/:tenant/users', summary: 'List users', reply: S.UserList },
      async (request) => {
        const tenant = tenantOf(request);
        // No tenant filter on purpose: RLS scopes the query (see db/rls.test.ts).
        const { rows } = await ctx.db.withTenant(tenant, (q) =>
          q.query<UserRow>('select id, email, name, roles, department, created_at from users order by email'),
        );
        return { users: rows.map(toUser) };
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'post',
        path: '/tenants/:tenant/admin-tokens',
        summary: 'Issue a tenant admin API token (shown once)',
        body: S.CreateAdminTokenRequest,
        reply: S.AdminTokenReply,
        status: 201,
      },
      async (request) => {
        const tenant = tenantOf(request);
        const body = parseWith(S.CreateAdminTokenRequest, request.body);
        const token = newTenantAdminToken(tenant);
        await ctx.db.withTenant(tenant, (q) =>
          q.query('insert into admin_tokens (tenant_id, token_sha256, label) values ($1, $2, $3)', [
            tenant,
            sha256Hex(token),
            body.label,
          ]),
        );
        return { token };
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'post',
        path: '/tenants/:tenant/enrollment-codes',
        summary: 'Issue a one-time device enrollment code (shown once)',
        body: S.CreateEnrollmentCodeRequest,
        reply: S.EnrollmentCodeReply,
        status: 201,
      },
      async (request) => {
        const tenant = tenantOf(request);
        const body = parseWith(S.CreateEnrollmentCodeRequest, request.body ?? {});
        const { code, expiresAt } = await issueEnrollmentCode(ctx.db, tenant, {
          ttlHours: body.ttlHours,
          label: body.label,
          now: ctx.now(),
        });
        return { code, expiresAt: expiresAt.toISOString() };
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'get',
        path: '/tenants/:tenant/devices',
        summary: 'List devices with last sync',
        reply: S.DeviceList,
      },
      async (request) => {
        const tenant = tenantOf(request);
        const { rows } = await ctx.db.withTenant(tenant, (q) =>
          q.query<DeviceRow>(
            `select id, name, platform, app_version, cert_serial, enrolled_at, last_seen_at, last_sync_at, revoked_at
             from devices order by enrolled_at, id`,
          ),
        );
        return { devices: rows.map(toDevice) };
      },
    );

    route(
      scope,
      ctx,
      {
        method: 'post',
        path: '/tenants/:tenant/devices/:device/revoke',
        summary: 'Revoke a device: its certificate is refused from the next request',
        reply: S.Device,
      },
      async (request) => {
        const params = parseWith(S.DeviceParams, request.params, 'path');
        const tenant = adminTenant(request, params.tenant);
        const row = await ctx.db.withTenant(tenant, async (q) => {
          const { rows } = await q.query<DeviceRow>(
            `update devices set revoked_at = coalesce(revoked_at, now()) where id = $1
           returning id, name, platform, app_version, cert_serial, enrolled_at, last_seen_at, last_sync_at, revoked_at`,
            [params.device],
          );
          return rows[0];
        });
        if (!row) throw new HttpError(404, 'DEVICE_NOT_FOUND', 'no such device in this tenant');
        ctx.events.emit('device.revoked', { tenant, device: params.device, at: ctx.now().toISOString() });
        return toDevice(row);
      },
    );
  },
};
