/**
 * Webhook delivery: an event becomes one delivery row per matching subscription (in the caller's
 * tenant), then a delivery loop POSTs it signed per Standard Webhooks, retrying with exponential
 * backoff and full jitter until it succeeds or MAX attempts dead-letter it. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lease, so several server instances never send one attempt twice,
 * and pending rows survive a restart (`resume` picks them up).
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { signWebhook } from './standard-webhooks';

export const WEBHOOK_EVENTS = [
  'device.enrolled',
  'audit.ingested',
  'audit.chain_broken',
  'policy.published',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookOptions {
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** Backoff base and cap: delay = random(0, min(cap, base · 2^(attempt-1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  now?: () => Date;
  /** Called on delivery-loop failures (database down): the loop retries later, never crashes. */
  onError?: (error: unknown) => void;
}

export interface WebhookDispatcher {
  /** Queues `type` for every subscription of the tenant that wants it; delivery starts at once. */
  emit(tenant: string, type: WebhookEventType, data: Record<string, unknown>): Promise<number>;
  /** Sends the tenant's due deliveries now; resolves with how many attempts were made. */
  deliverDue(tenant: string): Promise<number>;
  /** Resumes delivery for tenants with pending rows (after a restart). */
  resume(tenants: readonly string[]): void;
  /** Stops timers; in-flight requests finish. */
  close(): Promise<void>;
}

interface DueRow {
  id: string;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
}

const CLAIM_LEASE_MS = 60_000;
const BATCH = 50;

/** Full-jitter exponential backoff (AWS architecture blog): spreads retries of many receivers. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1)));
}

export function createWebhookDispatcher(db: Database, options: WebhookOptions = {}): WebhookDispatcher {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 5_000;
  const maxDelayMs = options.maxDelayMs ?? 3_600_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? (() => undefined);
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<number>>();
  let closed = false;

  const schedule = (tenant: string, delayMs: number): void => {
    if (closed) return;
    const existing = timers.get(tenant);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(
      () => {
        timers.delete(tenant);
        void run(tenant);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    timers.set(tenant, timer);
  };

  const attempt = async (row: DueRow): Promise<{ ok: boolean; error?: string }> => {
    const headers = signWebhook(row.secret, row.id, Math.floor(now().getTime() / 1000), row.payload);
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: row.payload,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      await response.body?.cancel().catch(() => undefined);
      return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, error: (error as Error).message.slice(0, 500) };
    }
  };

  const deliverDue = async (tenant: string): Promise<number> => {
    const claimedAt = now();
    const due = await db.withTenant(tenant, async (q) => {
      const { rows } = await q.query<DueRow>(
        `select d.id, s.url, s.secret, d.payload, d.attempts from webhook_deliveries d
         join webhook_subscriptions s on s.tenant_id = d.tenant_id and s.id = d.subscription_id
         where d.tenant_id = $1 and d.status = 'pending' and d.next_attempt_at <= $2
         order by d.next_attempt_at limit ${BATCH} for update of d skip locked`,
        [tenant, claimedAt.toISOString()],
      );
      if (rows.length > 0)
        await q.query(
          `update webhook_deliveries set next_attempt_at = $3 where tenant_id = $1 and id = any($2)`,
          [tenant, rows.map((r) => r.id), new Date(claimedAt.getTime() + CLAIM_LEASE_MS).toISOString()],
        );
      return rows;
    });
    const results = await Promise.all(due.map(async (row) => ({ row, result: await attempt(row) })));
    await db.withTenant(tenant, async (q) => {
      for (const { row, result } of results) {
        const attempts = row.attempts + 1;
        if (result.ok) {
          await q.query(
            `update webhook_deliveries set status = 'delivered', attempts = $3, delivered_at = $4, last_error = null where tenant_id = $1 and id = $2`,
            [tenant, row.id, attempts, now().toISOString()],
          );
        } else if (attempts >= maxAttempts) {
          await q.query(
            `update webhook_deliveries set status = 'dead', attempts = $3, dead_lettered_at = $4, last_error = $5 where tenant_id = $1 and id = $2`,
            [tenant, row.id, attempts, now().toISOString(), result.error ?? 'failed'],
          );
        } else {
          const next = new Date(now().getTime() + backoffDelay(attempts, baseDelayMs, maxDelayMs));
          await q.query(
            `update webhook_deliveries set attempts = $3, next_attempt_at = $4, last_error = $5 where tenant_id = $1 and id = $2`,
            [tenant, row.id, attempts, next.toISOString(), result.error ?? 'failed'],
          );
        }
      }
    });
    return results.length;
  };

  /** One delivery pass per tenant at a time, then a timer for the next due row. */
  const run = (tenant: string): Promise<number> => {
    const current = running.get(tenant);
    if (current) return current;
    const pass = (async () => {
      try {
        let total = 0;
        for (
          let sent = await deliverDue(tenant);
          sent > 0;
          sent = sent === BATCH ? await deliverDue(tenant) : 0
        )
          total += sent;
        const next = await db.withTenant(tenant, (q) =>
          q.query<{ at: Date | string | null }>(
            `select min(next_attempt_at) as at from webhook_deliveries where tenant_id = $1 and status = 'pending'`,
            [tenant],
          ),
        );
        const at = next.rows[0]?.at;
        if (at) schedule(tenant, new Date(at).getTime() - now().getTime());
        return total;
      } catch (error) {
        onError(error);
        schedule(tenant, baseDelayMs);
        return 0;
      } finally {
        running.delete(tenant);
      }
    })();
    running.set(tenant, pass);
    return pass;
  };

  return {
    async emit(tenant, type, data) {
      const queued = await db.withTenant(tenant, (q) => queueEvent(q, tenant, type, data, now()));
      if (queued > 0) schedule(tenant, 0);
      return queued;
    },
    deliverDue: run,
    resume(tenants) {
      for (const tenant of tenants) schedule(tenant, 0);
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** Inserts one delivery per subscribed endpoint inside the caller's transaction. */
export async function queueEvent(
  q: Queryable,
  tenant: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  at: Date,
): Promise<number> {
  const subs = await q.query<{ id: string }>(
    `select id from webhook_subscriptions where tenant_id = $1 and $2 = any(events)`,
    [tenant, type],
  );
  for (const sub of subs.rows) {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const payload = JSON.stringify({ type, timestamp: at.toISOString(), data: { tenant, ...data } });
    await q.query(
      `insert into webhook_deliveries (tenant_id, id, subscription_id, event_type, payload, next_attempt_at) values ($1, $2, $3, $4, $5, $6)`,
      [tenant, id, sub.id, type, payload, at.toISOString()],
    );
  }
  return subs.rows.length;
}
