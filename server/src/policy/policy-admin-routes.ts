/** Admin policy routes: publish (sign + version + notify) and list versions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_POLICY_BUNDLE_BYTES } from '../../../common/policy/policy-bundle';
import type { ServerContext } from '../context';
import { HttpError, parseWith } from '../http/errors';
import { adminTenantOf, type SyncServices } from '../plug/context';
import { emitWebhook } from '../webhooks/emit-webhook';
import { publishPolicy } from './policy-publish';

const TenantParams = z.strictObject({ tenant: z.string().min(1).max(63) });

export function registerPolicyAdminRoutes(
  scope: FastifyInstance,
  ctx: ServerContext,
  services: SyncServices,
): void {
  scope.post('/tenants/:tenant/policy', { bodyLimit: MAX_POLICY_BUNDLE_BYTES }, async (request, reply) => {
    const { tenant, actor } = adminTenantOf(
      request,
      parseWith(TenantParams, request.params, 'params').tenant,
    );
    const keys = await ctx.tenantKeys.load(tenant);
    if (!keys) throw new HttpError(404, 'NOT_FOUND', `tenant ${tenant} does not exist`);
    const published = await ctx.db.withTenant(tenant, (q) =>
      publishPolicy(q, tenant, request.body, keys.policyPrivateKey, actor, ctx.now()),
    );
    services.policyHub.publish(tenant, published.version);
    void emitWebhook(services, tenant, 'policy.published', {
      version: published.version,
      etag: published.etag,
      by: actor,
    });
    return reply
      .code(201)
      .send({ version: published.version, etag: published.etag, publishedAt: published.publishedAt });
  });

  scope.get('/tenants/:tenant/policy', async (request) => {
    const { tenant } = adminTenantOf(request, parseWith(TenantParams, request.params, 'params').tenant);
    const { rows } = await ctx.db.withTenant(tenant, (q) =>
      q.query<{ version: string | number; etag: string; published_by: string; published_at: Date | string }>(
        'select version, etag, published_by, published_at from policy_bundles where tenant_id = $1 order by version desc limit 100',
        [tenant],
      ),
    );
    return {
      versions: rows.map((r) => ({
        version: Number(r.version),
        etag: r.etag,
        publishedBy: r.published_by,
        publishedAt: new Date(r.published_at).toISOString(),
      })),
    };
  });
}
