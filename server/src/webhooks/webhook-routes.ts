/** Admin webhook routes: subscriptions (create, list, delete), deliveries and the dead-letter list. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { HttpError, parseWith } from '../http/errors';
import { adminTenantOf, type SyncServices } from '../plug/context';
import { generateWebhookSecret } from './standard-webhooks';
import { WEBHOOK_EVENTS } from './webhook-dispatcher';

const TenantParams = z.strictObject({ tenant: z.string().min(1).max(63) });
const IdParams = TenantParams.extend({ id: z.string().min(1).max(80) });
const CreateBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  /** Optional: bring your own `whsec_` secret; otherwise one is generated and returned once. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/)
    .optional(),
});

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  attempts: number;
  status: string;
  last_error: string | null;
  created_at: Date | string;
  dead_lettered_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const delivery = (r: DeliveryRow) => ({
  id: r.id,
  subscription: r.subscription_id,
  type: r.event_type,
  attempts: r.attempts,
  status: r.status,
  lastError: r.last_error,
  createdAt: iso(r.created_at),
  deadLetteredAt: iso(r.dead_lettered_at),
});

export function registerWebhookRoutes(
  scope: FastifyInstance,
  ctx: ServerContext,
  services: SyncServices,
): void {
  const tenantOf = (request: Parameters<typeof adminTenantOf>[0]) =>
    adminTenantOf(request, parseWith(TenantParams, request.params, 'params').tenant);

  scope.post('/tenants/:tenant/webhooks', async (request, reply) => {
    const { tenant } = tenantOf(request);
    const body = parseWith(CreateBody, request.body);
    const id = `wh_${randomUUID().replaceAll('-', '')}`;
    const secret = body.secret ?? generateWebhookSecret();
    await ctx.db.withTenant(tenant, (q) =>
      q.query(
        'insert into webhook_subscriptions (tenant_id, id, url, secret, events) values ($1, $2, $3, $4, $5)',
        [tenant, id, body.url, secret, body.events],
      ),
    );
    return reply.code(201).send({ id, url: body.url, events: body.events, secret });
  });

  scope.get('/tenants/:tenant/webhooks', async (request) => {
    const { tenant } = tenantOf(request);
    const { rows } = await ctx.db.withTenant(tenant, (q) =>
      q.query<{ id: string; url: string; events: string[]; created_at: Date | string }>(
        'select id, url, events, created_at from webhook_subscriptions where tenant_id = $1 order by created_at',
        [tenant],
      ),
    );
    // The secret is shown once, at creation.
    return {
      subscriptions: rows.map((r) => ({
        id: r.id,
        url: r.url,
        events: r.events,
        createdAt: iso(r.created_at),
      })),
    };
  });

  scope.delete('/tenants/:tenant/webhooks/:id', async (request, reply) => {
    const { tenant, id } = parseWith(IdParams, request.params, 'params');
    adminTenantOf(request, tenant);
    const result = await ctx.db.withTenant(tenant, (q) =>
      q.query('delete from webhook_subscriptions where tenant_id = $1 and id = $2', [tenant, id]),
    );
    if (result.rowCount === 0) throw new HttpError(404, 'NOT_FOUND', `no webhook subscription ${id}`);
    return reply.code(204).send();
  });

  scope.get('/tenants/:tenant/webhooks/deliveries', async (request) => {
    const { tenant } = tenantOf(request);
    const status = parseWith(
      z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional() }),
      request.query,
      'query',
    ).status;
    const { rows } = await ctx.db.withTenant(tenant, (q) =>
      q.query<DeliveryRow>(
        `select id, subscription_id, event_type, attempts, status, last_error, created_at, dead_lettered_at
         from webhook_deliveries where tenant_id = $1 ${status ? 'and status = $2' : ''} order by created_at desc limit 500`,
        status ? [tenant, status] : [tenant],
      ),
    );
    return { deliveries: rows.map(delivery) };
  });

  scope.get('/tenants/:tenant/webhooks/dead-letters', async (request) => {
    const { tenant } = tenantOf(request);
    const { rows } = await ctx.db.withTenant(tenant, (q) =>
      q.query<DeliveryRow>(
        `select id, subscription_id, event_type, attempts, status, last_error, created_at, dead_lettered_at
         from webhook_deliveries where tenant_id = $1 and status = 'dead' order by dead_lettered_at desc limit 500`,
        [tenant],
      ),
    );
    return { deliveries: rows.map(delivery) };
  });

  scope.post('/tenants/:tenant/webhooks/deliveries/:id/retry', async (request, reply) => {
    const { tenant, id } = parseWith(IdParams, request.params, 'params');
    adminTenantOf(request, tenant);
    const result = await ctx.db.withTenant(tenant, (q) =>
      q.query(
        `update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = now(), dead_lettered_at = null
         where tenant_id = $1 and id = $2 and status = 'dead'`,
        [tenant, id],
      ),
    );
    if (result.rowCount === 0) throw new HttpError(404, 'NOT_FOUND', `no dead-lettered delivery ${id}`);
    void services.webhooks.deliverDue(tenant);
    return reply.code(202).send({ id, status: 'pending' });
  });
}
