/**
 * Device policy routes of common/sync/server-api.ts: GET /v1/device/policy (ETag / 304 / 204) and
 * GET /v1/device/policy/events (Server-Sent Events on publish).
 */
import type { FastifyInstance } from 'fastify';
import { SERVER_ROUTES } from '../../../common/sync/server-api';
import { requireDevice, type ServerContext } from '../context';
import type { SyncServices } from '../plug/context';
import { etagMatches, latestPolicy, type PublishedPolicy } from './policy-publish';

/** A comment line this often keeps proxies from closing an idle SSE stream (the contract says 25 s). */
export const SSE_HEARTBEAT_MS = 25_000;
/**
 * How long a tenant's newest bundle is served from memory. Publishing on this instance clears it
 * at once; another instance's publish shows within this time. Keeps 10,000 polling devices off
 * the database.
 */
const CACHE_MS = 2_000;

export function registerPolicyDeviceRoutes(
  scope: FastifyInstance,
  ctx: ServerContext,
  services: SyncServices,
): void {
  const cache = new Map<string, { at: number; policy: PublishedPolicy | undefined }>();
  const streams = new Set<() => void>();
  // SSE streams never end by themselves: end them first, or closing the server would wait forever.
  scope.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  services.policyHub.subscribe('*', () => cache.clear());
  const current = async (tenant: string): Promise<PublishedPolicy | undefined> => {
    const hit = cache.get(tenant);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
    const policy = await ctx.db.withTenant(tenant, (q) => latestPolicy(q, tenant));
    cache.set(tenant, { at: Date.now(), policy });
    return policy;
  };

  scope.get(SERVER_ROUTES.policy, async (request, reply) => {
    const { tenant } = requireDevice(request);
    const policy = await current(tenant);
    if (!policy) return reply.code(204).send();
    reply.header('etag', `"${policy.etag}"`).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], policy.etag)) return reply.code(304).send();
    return reply.code(200).type('application/json').send(policy.body);
  });

  scope.get(SERVER_ROUTES.policyEvents, async (request, reply) => {
    const { tenant } = requireDevice(request);
    const latest = await current(tenant);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (version: number): void => {
      raw.write(`event: policy\ndata: ${JSON.stringify({ version })}\n\n`);
    };
    // The newest version right away closes the race between a device's pull and its subscribe.
    if (latest) send(latest.version);
    else raw.write(': no policy published yet\n\n');
    const unsubscribe = services.policyHub.subscribe(tenant, send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
    };
    const end = (): void => {
      stop();
      raw.end();
    };
    streams.add(end);
    request.raw.on('close', stop);
    raw.on('error', stop);
  });
}
