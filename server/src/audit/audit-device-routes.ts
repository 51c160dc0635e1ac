/**
 * Device audit routes of common/sync/server-api.ts: GET /v1/device/audit/head and
 * POST /v1/device/audit/batches (mutual TLS; the caller is the certificate's device).
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import {
  AuditBatchRequest,
  MAX_DEVICE_BODY_BYTES,
  SERVER_ROUTES,
  type AuditBatchReply,
  type AuditHeadReply,
} from '../../../common/sync/server-api';
import { requireDevice, type ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError, parseWith } from '../http/errors';
import type { SyncServices } from '../plug/context';
import { emitWebhook } from '../webhooks/emit-webhook';
import { ingestBatch, readAuditHead, yieldToLoop } from './ingest';
import { createReceiptSigner, type ReceiptSigner } from './receipt-signer';

/** The device's registered Ed25519 audit key (cached: it never changes for an enrolled device). */
async function auditKeyOf(
  q: Queryable,
  services: SyncServices,
  tenant: string,
  device: string,
): Promise<string> {
  const cacheKey = `${tenant}/${device}`;
  const cached = services.auditKeys.get(cacheKey);
  if (cached) return cached;
  const { rows } = await q.query<{ audit_public_key_pem: string }>(
    'select audit_public_key_pem from devices where tenant_id = $1 and id = $2',
    [tenant, device],
  );
  const pem = rows[0]?.audit_public_key_pem;
  if (!pem) throw new HttpError(403, 'DEVICE_UNKNOWN', 'this device is not enrolled in its tenant');
  services.auditKeys.set(cacheKey, pem);
  return pem;
}

/**
 * Batches written at once. PGlite is one connection: with 32 devices draining, a short read (a
 * policy pull, a head) would queue behind 32 batch transactions; holding writers to one keeps the
 * queue in front of reads short at the same throughput. PostgreSQL gets a few in parallel.
 */
const INGEST_CONCURRENCY = { pglite: 1, postgres: 4 } as const;

/** A counting semaphore: the returned function runs `fn` once a slot is free. */
function limiter(slots: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

export function registerAuditDeviceRoutes(
  scope: FastifyInstance,
  ctx: ServerContext,
  services: SyncServices,
): void {
  const limit = limiter(INGEST_CONCURRENCY[ctx.db.kind]);
  let inFlight = 0;
  /** Runs before the body is read, so a shed batch costs almost nothing. */
  const shed: onRequestAsyncHookHandler = async (_request, reply) => {
    if (inFlight >= services.maxBatchesInFlight) {
      const retryAfter = 1 + Math.floor(Math.random() * 5);
      reply.header('retry-after', String(retryAfter)).header('connection', 'close');
      throw new HttpError(503, 'SERVER_BUSY', `the server is busy ingesting; retry in ${retryAfter} s`);
    }
    inFlight += 1;
    let released = false;
    reply.raw.once('close', () => {
      if (!released) inFlight -= 1;
      released = true;
    });
  };
  const signers = new Map<string, ReceiptSigner>();
  const signerOf = async (tenant: string): Promise<ReceiptSigner> => {
    let signer = signers.get(tenant);
    if (!signer) {
      const keys = await ctx.tenantKeys.load(tenant);
      if (!keys) throw new HttpError(403, 'TENANT_UNKNOWN', `tenant ${tenant} does not exist`);
      signer = createReceiptSigner(keys.receiptPrivateKey);
      signers.set(tenant, signer);
    }
    return signer;
  };

  scope.get(SERVER_ROUTES.auditHead, async (request): Promise<AuditHeadReply> => {
    const caller = requireDevice(request);
    return ctx.db.withTenant(caller.tenant, (q) => readAuditHead(q, caller));
  });

  scope.post(
    SERVER_ROUTES.auditBatches,
    { bodyLimit: MAX_DEVICE_BODY_BYTES, onRequest: shed },
    async (request): Promise<AuditBatchReply> => {
      const { tenant, device } = requireDevice(request);
      // Yield between the CPU-heavy steps (see yieldToLoop): other calls get their turn.
      await yieldToLoop();
      const batch = parseWith(AuditBatchRequest, request.body);
      await yieldToLoop();
      const signer = await signerOf(tenant);
      const now = ctx.now();
      const result = await limit(() =>
        ctx.db.withTenant(tenant, async (q) => {
          const auditPublicKeyPem = await auditKeyOf(q, services, tenant, device);
          const outcome = await ingestBatch(q, { tenant, device, auditPublicKeyPem }, batch, signer, now);
          if (outcome.ok && outcome.reply.accepted > 0)
            await q.query('update devices set last_sync_at = $3 where tenant_id = $1 and id = $2', [
              tenant,
              device,
              now.toISOString(),
            ]);
          return outcome;
        }),
      );
      if (!result.ok) {
        const { refusal } = result;
        void emitWebhook(services, tenant, 'audit.chain_broken', {
          device,
          code: refusal.code,
          reason: refusal.message,
          ...(refusal.seq !== undefined ? { seq: refusal.seq } : {}),
          ...(refusal.expectedSeq !== undefined ? { expectedSeq: refusal.expectedSeq } : {}),
        });
        throw new HttpError(refusal.code === 'AUDIT_GAP' ? 409 : 422, refusal.code, refusal.message, {
          ...(refusal.seq !== undefined ? { seq: refusal.seq } : {}),
          ...(refusal.expectedSeq !== undefined ? { expectedSeq: refusal.expectedSeq } : {}),
        });
      }
      if (result.reply.accepted > 0)
        void emitWebhook(services, tenant, 'audit.ingested', {
          device,
          from: result.head.seq - result.reply.accepted + 1,
          to: result.head.seq,
          accepted: result.reply.accepted,
          head: result.head.hash,
        });
      return result.reply;
    },
  );
}
