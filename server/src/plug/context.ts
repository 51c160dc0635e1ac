/**
 * The services the ingestion, policy, webhook and SIEM routes add to the foundation's
 * ServerContext (server/src/context.ts): the policy notification hub and the webhook dispatcher,
 * made once per context. Creating them also forwards the foundation's `device.enrolled` event to
 * webhooks, so the foundation needs no change to raise it.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { adminTenant } from '../admin/admin-auth';
import { createPolicyHub, type PolicyHub } from '../policy/policy-hub';
import { emitWebhook } from '../webhooks/emit-webhook';
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookOptions,
} from '../webhooks/webhook-dispatcher';

export interface SyncServices {
  policyHub: PolicyHub;
  webhooks: WebhookDispatcher;
  /** Device audit keys by tenant/device (they never change for an enrolled device). */
  auditKeys: Map<string, string>;
  /** Batches accepted for processing at once before the server answers 503 SERVER_BUSY. */
  maxBatchesInFlight: number;
}

export interface SyncServiceOptions {
  webhooks?: WebhookOptions;
  /**
   * Load shedding for audit batches (default: 4 on PGlite, 32 on PostgreSQL). Beyond it a batch is
   * refused before its body is read, with Retry-After; the sync client backs off with jitter. That
   * keeps policy pulls and other calls fast while thousands of devices drain after an outage.
   */
  maxBatchesInFlight?: number;
}

const services = new WeakMap<ServerContext, SyncServices>();

export function syncServices(ctx: ServerContext, options: SyncServiceOptions = {}): SyncServices {
  let existing = services.get(ctx);
  if (!existing) {
    const created: SyncServices = {
      policyHub: createPolicyHub(),
      webhooks: createWebhookDispatcher(ctx.db, { now: () => ctx.now(), ...options.webhooks }),
      auditKeys: new Map(),
      maxBatchesInFlight: options.maxBatchesInFlight ?? (ctx.db.kind === 'pglite' ? 4 : 32),
    };
    ctx.events.on('device.enrolled', ({ tenant, device, name, at }) => {
      void emitWebhook(created, tenant, 'device.enrolled', { device, name, at });
    });
    services.set(ctx, created);
    existing = created;
  }
  return existing;
}

/** Closes what syncServices started (webhook timers). */
export async function closeSyncServices(ctx: ServerContext): Promise<void> {
  await services.get(ctx)?.webhooks.close();
  services.delete(ctx);
}

/** The tenant an admin route acts on: an operator may act on any, a tenant admin only on its own. */
export function adminTenantOf(request: FastifyRequest, tenant: string): { tenant: string; actor: string } {
  adminTenant(request, tenant);
  return { tenant, actor: request.admin?.subject ?? 'unknown' };
}
